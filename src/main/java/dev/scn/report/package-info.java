/**
 * Reports: a view model built from the runs of a scenario ({@link dev.scn.report.ReportBuilder}),
 * inline SVG charts and the sequence diagram, and Freemarker rendering with the zh/en message
 * bundles ({@link dev.scn.report.ReportRenderer}). Depends on {@code run}, {@code engine},
 * {@code observe} and {@code model}; knows nothing of the grammar or the command line. Every text
 * a reader sees comes from the bundles; Java code only supplies keys and the real numbers.
 */
package dev.scn.report;
