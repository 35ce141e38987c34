/** Writing output files safely (atomic replace, sweeping leftovers). Depends on the JDK only. */
package dev.scn.io;
