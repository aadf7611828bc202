package org.delays4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void padsColumnsAlignsNumbersRightAndTextLeft() {
        Table t = new Table("op", "GFLOP/s", "note").row("gemmNN", 190.25, "x").row("gemmTN-long", 9.5, "");
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.lines()).containsExactly(
                "op           GFLOP/s  note",
                "-----------  -------  ----",
                "gemmNN        190.25  x",
                "gemmTN-long      9.5  ");
        StringWriter sw = new StringWriter();
        t.print(new PrintWriter(sw));
        assertThat(sw.toString().lines()).hasSize(4);
    }

    @Test
    void recognisesNumbers() {
        assertThat(Table.isNumber("12")).isTrue();
        assertThat(Table.isNumber("-1.5e-3")).isTrue();
        assertThat(Table.isNumber(".5")).isTrue();
        assertThat(Table.isNumber("256 x 256")).isFalse();
        assertThat(Table.isNumber("")).isFalse();
        assertThat(Table.isNumber("NaN")).isFalse();
    }

    @Test
    void rowsMustMatchTheHeader() {
        assertThatThrownBy(() -> new Table("a", "b").row("only one")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 columns");
        assertThatThrownBy(Table::new).isInstanceOf(IllegalArgumentException.class);
    }
}
