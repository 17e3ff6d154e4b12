package org.bulletin.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The one line a failed command prints says what failed, where and what to do; never "null" or a bare class name. */
class ErrorMessageTest {

    @Test
    void shouldNameTheAddressThatDidNotAnswer() {
        CommandLine.ParseResult parsed = Main.commandLine().parseArgs("status", "--bootstrap", "127.0.0.1:1");
        IllegalStateException e =
                new IllegalStateException("cannot read the cluster at 127.0.0.1:1: null", new TimeoutException());

        String message = Main.message(e, parsed);

        assertThat(message)
                .isEqualTo("cannot read the cluster at 127.0.0.1:1: timed out (no answer in time: is the "
                        + "service at --bootstrap 127.0.0.1:1 running, and is that the right address?)");
    }

    @Test
    void shouldDescribeExceptionsThatCarryNoMessage() {
        String message = Main.message(new ExecutionException(null, new ConnectException()), null);

        assertThat(message)
                .isEqualTo("connection refused (connection refused: is the service running, and is its "
                        + "address right?)");
    }
}
