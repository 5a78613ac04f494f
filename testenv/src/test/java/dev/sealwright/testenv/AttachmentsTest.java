package dev.sealwright.testenv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class AttachmentsTest {
  @TempDir Path state;

  @Test
  void detachLast_onlyThisJvm_trueAndOwnFileRemoved() {
    Attachments attachments = new Attachments(state);
    attachments.attach();

    assertThat(attachments.detachLast()).isTrue();
    assertThat(state.resolve("users")).isEmptyDirectory();
  }

  @Test
  void detachLast_anotherLiveProcessAttached_false() throws IOException {
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      Attachments attachments = new Attachments(state);
      attachments.attach();
      Files.writeString(state.resolve("users").resolve(Long.toString(other.pid())), "");

      assertThat(attachments.detachLast()).isFalse();
    } finally {
      other.destroy();
    }
  }

  @Test
  void detachLast_fileOfExitedProcess_ignoredSoTrue() throws Exception {
    Process exited = new ProcessBuilder("true").start();
    assertThat(ChildProcesses.await(exited, Duration.ofSeconds(30), "true")).isZero();
    Attachments attachments = new Attachments(state);
    attachments.attach();
    Files.writeString(state.resolve("users").resolve(Long.toString(exited.pid())), "");

    assertThat(attachments.detachLast()).isTrue();
  }

  @Test
  void detachLast_stateDeleted_falseSoNothingIsStopped() {
    Attachments attachments = new Attachments(state.resolve("gone"));

    assertThat(attachments.detachLast()).isFalse();
  }
}
