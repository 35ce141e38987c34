/**
 * Structured causes: the typed facts the engine records in its causal trace and that the run,
 * {@code explain}, the narrative and the sequence diagram read field by field. A leaf package
 * (it imports nothing of scn), so the report can read what happened without depending on the
 * engine. Each fact renders its own English trace line from its fields.
 */
package dev.scn.fact;
