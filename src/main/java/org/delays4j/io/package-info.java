/**
 * File formats: the safetensors container used for checkpoints ({@link org.delays4j.io.SafeTensors})
 * and the shared JSON/YAML mappers ({@link org.delays4j.io.Json}).
 */
package org.delays4j.io;
