/** Test helpers: golden-file access and comparisons. */
package org.delays4j.testing;
