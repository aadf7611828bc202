package org.delays4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FloatTensorTest {
    /** A [2][3][4] tensor whose element (i,j,k) is 100i + 10j + k. */
    private static FloatTensor t234() {
        float[] d = new float[24];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) d[i * 12 + j * 4 + k] = 100 * i + 10 * j + k;
        return FloatTensor.of(d, 2, 3, 4);
    }

    @Test
    void ofIsRowMajorWithContiguousStrides() {
        FloatTensor t = t234();
        assertThat(t.rank()).isEqualTo(3);
        assertThat(t.shape()).containsExactly(2, 3, 4);
        assertThat(t.strides()).containsExactly(12, 4, 1);
        assertThat(t.size()).isEqualTo(24);
        assertThat(t.get(1, 2, 3)).isEqualTo(123f);
        assertThat(t.index(1, 0, 2)).isEqualTo(14);
        assertThat(t.isContiguous()).isTrue();
        assertThat(FloatTensor.contiguousStrides(5, 1, 7)).containsExactly(7, 7, 1);
    }

    @Test
    void viewsShareTheArray() {
        FloatTensor t = t234();
        FloatTensor row = t.select(0, 1).select(0, 2); // (1, 2, :)
        assertThat(row.shape()).containsExactly(4);
        assertThat(row.toArray()).containsExactly(120, 121, 122, 123);
        row.set(-1f, 3);
        assertThat(t.get(1, 2, 3)).isEqualTo(-1f);
        assertThat(t.data()[23]).isEqualTo(-1f);
    }

    @Test
    void selectRemovesTheDimension() {
        FloatTensor t = t234();
        FloatTensor col = t.select(2, 1); // (:, :, 1) -> [2][3]
        assertThat(col.shape()).containsExactly(2, 3);
        assertThat(col.strides()).containsExactly(12, 4);
        assertThat(col.isContiguous()).isFalse();
        assertThat(col.toArray()).containsExactly(1, 11, 21, 101, 111, 121);
        FloatTensor mid = t.select(1, 2); // (:, 2, :) -> [2][4]
        assertThat(mid.toArray()).containsExactly(20, 21, 22, 23, 120, 121, 122, 123);
    }

    @Test
    void sliceKeepsTheRankAndOffsetsTheView() {
        FloatTensor t = t234();
        FloatTensor s = t.slice(1, 1, 3).slice(2, 2, 4); // (:, 1..2, 2..3)
        assertThat(s.shape()).containsExactly(2, 2, 2);
        assertThat(s.offset()).isEqualTo(6);
        assertThat(s.isContiguous()).isFalse();
        assertThat(s.toArray()).containsExactly(12, 13, 22, 23, 112, 113, 122, 123);
        FloatTensor outer = t.slice(0, 1, 2); // a slice of the outermost dimension stays contiguous
        assertThat(outer.isContiguous()).isTrue();
        assertThat(outer.toArray()).hasSize(12).startsWith(100, 101);
        assertThat(t.slice(1, 2, 2).size()).isZero();
        assertThat(t.slice(1, 2, 2).toArray()).isEmpty();
    }

    @Test
    void equalityIsByShapeAndValuesNotLayout() {
        FloatTensor t = t234();
        FloatTensor view = t.select(2, 1);
        FloatTensor copy = FloatTensor.of(view.toArray(), 2, 3);
        assertThat(view).isEqualTo(copy).hasSameHashCodeAs(copy);
        assertThat(copy).isNotEqualTo(FloatTensor.of(view.toArray(), 3, 2));
        copy.set(9f, 0, 0);
        assertThat(view).isNotEqualTo(copy);
        assertThat(view.toString()).isEqualTo("FloatTensor[2, 3]");
    }

    @Test
    void accessorsReturnCopies() {
        FloatTensor t = t234();
        t.shape()[0] = 99;
        t.strides()[0] = 99;
        assertThat(t.shape()).containsExactly(2, 3, 4);
        assertThat(t.strides()).containsExactly(12, 4, 1);
    }

    @Test
    void zerosAllocates() {
        FloatTensor z = FloatTensor.zeros(3, 0, 2);
        assertThat(z.size()).isZero();
        assertThat(FloatTensor.zeros(2, 5).data()).hasSize(10).containsOnly(0f);
        assertThat(FloatTensor.zeros().size()).isEqualTo(1); // a scalar
    }

    @Test
    void errorsNameTheProblem() {
        FloatTensor t = t234();
        assertThatThrownBy(() -> FloatTensor.of(new float[5], 2, 3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 6");
        assertThatThrownBy(() -> FloatTensor.zeros(2, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> FloatTensor.zeros(1 << 16, 1 << 16)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too large");
        assertThatThrownBy(() -> t.get(2, 0, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> t.get(0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 3");
        assertThatThrownBy(() -> t.slice(1, 2, 4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> t.slice(1, 2, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> t.select(0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> t.select(3, 0)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("dimension 3");
        assertThatThrownBy(() -> t.dim(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new FloatTensor(new float[4], 0, new int[] {2}, new int[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 2, 3})
    void aViewReachingOutsideTheArrayIsRejected(int offset) {
        // A [2][2] view with row stride 3 needs elements offset .. offset+4.
        float[] d = new float[6];
        assertThatThrownBy(() -> new FloatTensor(d, offset, new int[] {2, 2}, new int[] {3, 1}))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("outside");
    }

    @Test
    void aViewThatFitsExactlyIsAccepted() {
        float[] d = new float[6];
        FloatTensor v = new FloatTensor(d, 1, new int[] {2, 2}, new int[] {3, 1});
        v.set(7f, 1, 1);
        assertThat(d[5]).isEqualTo(7f);
        // Empty views may sit anywhere.
        assertThat(new FloatTensor(d, 100, new int[] {0, 2}, new int[] {3, 1}).size()).isZero();
    }
}
