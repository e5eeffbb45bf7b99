package org.virtualwire.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void jsonStringsAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\\u003c\\u000a\"", Json.string("a\"b\\c<\n"));
    }
}
