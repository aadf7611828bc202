package org.delays4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.delays4j.model.Presets;
import org.junit.jupiter.api.Test;

class AblationResultsTest {
    private static RunSummary run(String kind, long seed, double test) {
        return new RunSummary(kind, seed, 100, 5000, test - 0.01, test, 20, 17, 60, 2);
    }

    @Test
    void meanAndSampleStdPerKind() {
        var res = new AblationResults(List.of(run("delays", 0, 0.97), run("delays", 1, 0.98), run("delays", 2, 0.99),
                run("no-delays", 0, 0.90)));
        var k = res.byKind();
        assertThat(k).extracting(AblationResults.KindStats::kind).containsExactly("delays", "no-delays");
        assertThat(k.get(0).testMean()).isCloseTo(0.98, within(1e-12));
        assertThat(k.get(0).testStd()).isCloseTo(0.01, within(1e-12)); // n - 1
        assertThat(k.get(0).runs()).isEqualTo(3);
        assertThat(k.get(1).testStd()).isZero();
        assertThat(res.orderingHolds()).isNull(); // fixed-delays missing
        assertThat(res.table()).contains("98.00 ± 1.00").contains("90.00 ± 0.00");
    }

    @Test
    void pageHasOneSectionPerBudget() {
        var big = new AblationResults(List.of(run("delays", 0, 0.99), run("no-delays", 0, 0.98)));
        var small = new AblationResults(List.of(run("delays", 0, 0.90), run("no-delays", 0, 0.80)));
        String md = AblationResults.page(List.of(new AblationResults.Section(128, "runs/x/h128", big, 300),
                new AblationResults.Section(32, "runs/x/h32", small, 300)), "cmd", "FSDD", Presets.get("fsdd"));
        int a = md.indexOf("## Budget: learned delays with 128 hidden"), b = md.indexOf("## Budget: learned delays with 32 hidden");
        assertThat(a).isPositive();
        assertThat(b).isGreaterThan(a);
        assertThat(md.substring(a, b)).contains("99.00 ± 0.00").contains("runs/x/h128").doesNotContain("90.00");
        assertThat(md.substring(b)).contains("90.00 ± 0.00").contains("learned − none: +10.00 points");
        assertThat(md.indexOf("## Attribution")).isGreaterThan(b);
        // 98.5 % on 300 samples: sqrt(0.985 * 0.015 / 300) = 0.70 points
        assertThat(md.substring(a, b)).contains("one test sample is 0.33 points").contains("binomial standard error of 0.70 points");
    }

    @Test
    void verdictSaysWhenTheTargetOrAGapIsMissed() {
        var runs = List.of(run("delays", 0, 0.95), run("delays", 1, 0.97), run("fixed-delays", 0, 0.955), run("fixed-delays", 1, 0.955),
                run("no-delays", 0, 0.99));
        String v = new AblationResults(runs).verdict();
        assertThat(v).contains("≥ 97 % mean test accuracy: **no** (96.00 ± 1.41 %)")
                .contains("learned − fixed: +0.50 points of test accuracy (spread 1.41): positive but within the spread")
                .contains("fixed − none: -3.50 points of test accuracy (spread 0.00): not positive")
                .contains("**no**.");
    }

    @Test
    void orderingNeedsGapsLargerThanTheSpread() {
        var clear = new AblationResults(List.of(run("delays", 0, 0.97), run("delays", 1, 0.97),
                run("fixed-delays", 0, 0.94), run("fixed-delays", 1, 0.94), run("no-delays", 0, 0.90), run("no-delays", 1, 0.91)));
        assertThat(clear.orderingHolds()).isTrue();
        var overlapping = new AblationResults(List.of(run("delays", 0, 0.97), run("delays", 1, 0.93),
                run("fixed-delays", 0, 0.94), run("fixed-delays", 1, 0.95), run("no-delays", 0, 0.90), run("no-delays", 1, 0.91)));
        assertThat(overlapping.orderingHolds()).isFalse();
        var inverted = new AblationResults(List.of(run("delays", 0, 0.90), run("fixed-delays", 0, 0.95), run("no-delays", 0, 0.97)));
        assertThat(inverted.orderingHolds()).isFalse();
    }

    @Test
    void markdownHasCommandEveryRunAndAttribution() {
        var runs = List.of(run("delays", 0, 0.97), run("fixed-delays", 0, 0.95), run("no-delays", 1, 0.91));
        String md = new AblationResults(runs).markdown("./delays4j experiment ablation --preset fsdd --seeds 1", "FSDD", Presets.get("fsdd"));
        assertThat(md).contains("`./delays4j experiment ablation --preset fsdd --seeds 1`")
                .contains("| delays | 0 | 5000 | 100 | 96.00 | 97.00 | 18 | 20 | 60 | 2 |")
                .contains("| no-delays | 1 |")
                .contains("≥ 97 % mean test accuracy: **yes**")
                .contains("learned − fixed: +2.00 points of test accuracy (spread 0.00): larger than the spread")
                .contains("fixed − none: +4.00 points")
                .contains("Zohar Jackson").contains("CC BY-SA 4.0").contains("vCPU");
    }
}
