package dev.scn.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers as the report prints them, the same in every language: no grouping, '.' decimals. */
final class Format {
    private Format() {
    }

    /** Seconds with at most two decimals: {@code 675.36}, {@code 285}. */
    static String seconds(long micros) {
        return BigDecimal.valueOf(micros).movePointLeft(6).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }

    static String number(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
