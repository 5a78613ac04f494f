package dev.sealwright.testenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChildProcessesTest {
  @Test
  void run_exitsInTime_returnsExitCodeAndBothOutputs() {
    var r =
        ChildProcesses.run(
            new ProcessBuilder("sh", "-c", "cat; echo to-err >&2; exit 3"),
            "to-out".getBytes(StandardCharsets.UTF_8),
            Duration.ofSeconds(30));

    assertThat(r)
        .isEqualTo(
            new ChildProcesses.Result(
                "sh -c cat; echo to-err >&2; exit 3", 3, "to-out", "to-err\n"));
  }

  @Test
  void run_moreOutputThanAPipeHolds_doesNotBlock() {
    var r =
        ChildProcesses.run(
            Duration.ofSeconds(30),
            List.of("sh", "-c", "head -c 1000000 /dev/zero >&2; head -c 1000000 /dev/zero"));

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).hasSize(1_000_000);
    assertThat(r.stderr()).hasSize(1_000_000);
  }

  @Test
  void run_hungProcessAndItsChild_failsNamingTheCommandAndKillsBoth() throws Exception {
    var pids = Files.createTempFile("child-processes", ".pid");
    // The child holds stdout open too, so a reader waiting for end of file would wait for it.
    String script = "sleep 300 & echo $! > " + pids + "; wait";

    assertThatThrownBy(() -> ChildProcesses.run(Duration.ofSeconds(1), List.of("sh", "-c", script)))
        .isInstanceOf(AssertionError.class)
        .hasMessage("sh -c " + script + " did not finish within 1 s; killed it");

    long child = Long.parseLong(Files.readString(pids).strip());
    Files.delete(pids);
    // SIGKILL is asynchronous: give the child a moment to be gone.
    ProcessHandle.of(child).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    assertThat(ProcessHandle.of(child).filter(ProcessHandle::isAlive)).as("sleep 300").isEmpty();
  }
}
