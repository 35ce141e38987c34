package dev.scn.engine.ipfw;

/**
 * Told of every change in the life of a dynamic rule, at the instant the kernel makes it: linked,
 * expiry moved, unlinked, table emptied. A state's death (expire &lt;= time_uptime) is no event;
 * a listener derives it from the expiries it was told (the run does, for exact step charts).
 */
public interface DynamicStateListener {
    DynamicStateListener NONE = new DynamicStateListener() { };

    /** {@code state} was linked into the table, its expiry set; dyn_count is now {@code count}. */
    default void linked(DynamicState state, int count) {
    }

    /** The expiry of {@code state} moved from {@code before} to {@link DynamicState#expire()}. */
    default void expireChanged(DynamicState state, long before) {
    }

    /** {@code state} was unlinked (dead or not); dyn_count is now {@code count}. */
    default void unlinked(DynamicState state, int count) {
    }

    /** Every state went at once (the host crashed or rebooted); dyn_count is 0. */
    default void cleared() {
    }
}
