/**
 * Run reports: a self-contained {@code report.html} (inline SVG, no scripts, no network) with
 * learning curves, σ over epochs, histograms of learned delays and spike rasters.
 */
package org.delays4j.report;
