package io.geoingest.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What a README comment promises, and which answers keep it. */
class PromiseTest {
    private final ObjectMapper json = new ObjectMapper();

    private boolean kept(String promise, String answer) throws Exception {
        return Promise.inComment(" " + promise + "   (a remark)").orElseThrow().isKeptBy(json.readTree(answer));
    }

    @Test
    void literalsMustBeEqualAndAnObjectWithoutEllipsisExact() throws Exception {
        assertThat(kept("{\"success\":true,\"n\":3}", "{\"n\":3.0,\"success\":true}")).isTrue();
        assertThat(kept("{\"success\":true}", "{\"success\":false}")).isFalse();
        assertThat(kept("{\"success\":true}", "{\"success\":true,\"more\":1}")).isFalse();
        assertThat(kept("{\"success\":true,…}", "{\"success\":true,\"more\":1}")).isTrue();
        assertThat(kept("{\"name\":null}", "{\"name\":\"x\"}")).isFalse();
    }

    @Test
    void anEllipsisInAStringKeepsItsOtherParts() throws Exception {
        assertThat(kept("{\"id\":\"…\"}", "{\"id\":\"7f2c-11\"}")).isTrue();
        assertThat(kept("{\"id\":\"…\"}", "{\"id\":null}")).as("null is no text").isFalse();
        assertThat(kept("{\"state\":\"comp…\"}", "{\"state\":\"complete\"}")).isTrue();
        assertThat(kept("{\"state\":\"comp…\"}", "{\"state\":\"failure\"}")).isFalse();
        assertThat(kept("{\"v\":…}", "{\"v\":[1,{\"a\":2}]}")).isTrue();
    }

    @Test
    void anEllipsisInAnArrayStandsWhereItIsWritten() throws Exception {
        assertThat(kept("{\"a\":[{\"x\":1},…]}", "{\"a\":[{\"x\":1},{\"x\":2}]}")).isTrue();
        assertThat(kept("{\"a\":[…,{\"x\":2}]}", "{\"a\":[{\"x\":1},{\"x\":2}]}")).isTrue();
        assertThat(kept("{\"a\":[…,{\"x\":1}]}", "{\"a\":[{\"x\":1},{\"x\":2}]}")).isFalse();
        assertThat(kept("{\"a\":[]}", "{\"a\":[1]}")).isFalse();
        assertThat(kept("{\"a\":[…]}", "{\"a\":[]}")).isTrue();
    }

    @Test
    void aMistypedPromiseIsRefusedRatherThanKept() {
        assertThatThrownBy(() -> kept("{\"a\":1 \"b\":2}", "{\"a\":1,\"b\":2}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kept("{\"a\":1,\"a\":2}", "{\"a\":2}")).hasMessageContaining("twice");
        assertThatThrownBy(() -> kept("{\"a\":", "{}")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Promise.inComment(" next run: now + 7200 s")).isEmpty();
    }

    @Test
    void answersAreTheJsonObjectsOfAnOutputInOrder() {
        var answers = Promise.objectsIn("  % Total  progress\n{\"a\":\"}{\"}{\"b\":[{\"c\":1}]} (2 rows) {broken");
        assertThat(answers).extracting(JsonNode::toString).containsExactly("{\"a\":\"}{\"}", "{\"b\":[{\"c\":1}]}");
    }
}
