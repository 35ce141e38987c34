package dev.scn.run;

import dev.scn.model.Span;

/**
 * The outcome of one expectation in one run.
 *
 * @param timeMicros when it was decided (the instant of an AT check, the first violation of an
 *                   ALWAYS, the instant a WITHIN became true or ran out)
 * @param subject    the subject as written, e.g. "server netstat FIN_WAIT_2"
 * @param mode       "at", "within" or "always"
 */
public record ExpectationResult(Span span, long timeMicros, String mode, String subject, String op,
                                String expected, String actual, boolean held) {
}
