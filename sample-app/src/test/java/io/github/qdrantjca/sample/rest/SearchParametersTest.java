package io.github.qdrantjca.sample.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.qdrantjca.sample.documents.InvalidRequestException;
import org.junit.jupiter.api.Test;

class SearchParametersTest {

    @Test
    void decodesTheQueryAndDefaultsTheLimitTo5() {
        SearchParameters p = SearchParameters.of("caf%C3%A9+au+lait", null);

        assertThat(p.query()).isEqualTo("café au lait");
        assertThat(p.limit()).isEqualTo(5);
    }

    @Test
    void takesALimitFrom1To100() {
        assertThat(SearchParameters.of("x", "1").limit()).isEqualTo(1);
        assertThat(SearchParameters.of("x", "100").limit()).isEqualTo(100);
    }

    @Test
    void missingQueryIs400() {
        assertRejected(null, null, "q is missing", "/api/search?q=");
    }

    @Test
    void emptyOrWordlessQueryIs400() {
        assertRejected("", null, "q is empty", "send some words");
        assertRejected("+++", null, "q is empty", "send some words");
        assertRejected("%3F%21", null, "q has no letter or digit", "send some words");
    }

    @Test
    void oversizeQueryIs400() {
        assertRejected("a".repeat(501), null, "q has 501 characters", "at most 500");
    }

    @Test
    void queryThatIsNotUtf8Is400() {
        assertRejected("caf%E9", null, "q is not valid UTF-8", "%C3%A9");
        assertRejected("50%", null, "'%' that is not followed by two hex digits", "%25");
    }

    @Test
    void emptyNonNumericOrOutOfRangeLimitIs400() {
        assertRejected("x", "", "limit is empty", "whole number from 1 to 100");
        assertRejected("x", "abc", "limit is 'abc'", "whole number from 1 to 100");
        assertRejected("x", "2.5", "limit is '2.5'", "whole number from 1 to 100");
        assertRejected("x", "99999999999", "limit is '99999999999'", "whole number from 1 to 100");
        assertRejected("x", "0", "limit is 0", "whole number from 1 to 100");
        assertRejected("x", "-1", "limit is -1", "whole number from 1 to 100");
        assertRejected("x", "101", "limit is 101", "whole number from 1 to 100");
    }

    private static void assertRejected(String q, String limit, String what, String fix) {
        InvalidRequestException e = catchThrowableOfType(() -> SearchParameters.of(q, limit), InvalidRequestException.class);
        assertThat(e).as("rejection of q=%s limit=%s", q, limit).isNotNull();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains(what).contains(fix);
    }
}
