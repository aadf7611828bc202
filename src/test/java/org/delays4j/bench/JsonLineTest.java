package org.delays4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLineTest {
    @Test
    void writesOneLineInInsertionOrderThatParsesBack() throws Exception {
        String line = new JsonLine().put("bench", "kernels").put("m", 25600).put("gflops", 190.25)
                .put("note", "two\nlines \"quoted\"").put("ok", true).put("list", List.of(1, 2)).toString();
        assertThat(line).doesNotContain("\n").startsWith("{\"bench\":\"kernels\",\"m\":25600,\"gflops\":190.25");
        JsonNode n = new ObjectMapper().readTree(line);
        assertThat(n.get("note").asText()).isEqualTo("two\nlines \"quoted\"");
        assertThat(n.get("ok").asBoolean()).isTrue();
        assertThat(n.get("list")).hasSize(2);
    }

    @Test
    void nonFiniteNumbersBecomeNullAndKeysAreReplaced() throws Exception {
        String line = new JsonLine().put("x", Double.NaN).put("y", Float.POSITIVE_INFINITY).put("z", 1).put("z", 2).toString();
        JsonNode n = new ObjectMapper().readTree(line);
        assertThat(n.get("x").isNull()).isTrue();
        assertThat(n.get("y").isNull()).isTrue();
        assertThat(n.get("z").asInt()).isEqualTo(2);
        assertThat(n.size()).isEqualTo(3);
    }
}
