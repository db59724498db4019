package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BodyReaderTest {
    private final MemoryBudget budget = new MemoryBudget(64L << 20);

    @Test
    void body_of_exactly_the_limit_is_read_whole_without_content_length() {
        byte[] data = new byte[100_000];
        Arrays.fill(data, (byte) 'x');
        try (MemoryBudget.Reservation r = budget.open()) {
            BodyReader.Body body = BodyReader.read(new ByteArrayInputStream(data), -1, false, data.length, r);

            assertThat(body.length()).isEqualTo(data.length);
        }
    }

    @Test
    void one_byte_over_the_limit_without_content_length_is_413() {
        try (MemoryBudget.Reservation r = budget.open()) {
            assertThatThrownBy(() -> BodyReader.read(new ByteArrayInputStream(new byte[1001]), -1, false, 1000, r))
                    .isInstanceOfSatisfying(RejectedRequestException.class, e -> assertThat(e.status()).isEqualTo(413));
        }
    }

    @Test
    void truncated_gzip_is_400_unexpected_eof() {
        byte[] gz = TestGateway.gzip(new byte[10_000]);
        byte[] cut = Arrays.copyOf(gz, gz.length - 12);
        try (MemoryBudget.Reservation r = budget.open()) {
            assertThatThrownBy(() -> BodyReader.read(new ByteArrayInputStream(cut), cut.length, true, 1 << 20, r))
                    .isInstanceOfSatisfying(RejectedRequestException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).isEqualTo("unexpected EOF");
                    });
        }
    }

    @Test
    void memory_is_returned_to_the_budget_when_the_request_ends() {
        MemoryBudget small = new MemoryBudget(256 << 10);
        for (int i = 0; i < 10; i++) {
            try (MemoryBudget.Reservation r = small.open()) {
                BodyReader.read(new ByteArrayInputStream(new byte[200 << 10]), 200 << 10, false, 1 << 20, r);
            }
        }
        try (MemoryBudget.Reservation r = small.open()) {
            r.grow(256 << 10);
        }
    }
}
