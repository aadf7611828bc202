package org.delays4j.layer;

import java.util.List;
import org.delays4j.core.Param;
import org.delays4j.core.Seq;

/**
 * A layer over time-major sequences with an explicit backward pass.
 *
 * <p>{@code forward} keeps what {@code backward} needs (the last call only); {@code backward}
 * <em>accumulates</em> into the gradients of its trainable {@link Param}s and returns the
 * gradient with respect to its input, or {@code null} when {@code needInputGrad} is false
 * (the first layer of a network never needs it).
 */
public interface Layer {
    Seq forward(Seq x, boolean train);

    Seq backward(Seq gradOut, boolean needInputGrad);

    /** Its parameters (learnable or frozen), in a stable order. */
    List<Param> params();
}
