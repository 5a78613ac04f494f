package dev.sealwright.cli.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.CliEnv;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep of edit folders that a killed {@code sealwright edit} left behind. */
class PrivateTempFileTest {
  @TempDir Path base;
  @TempDir Path work;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private CliEnv env() {
    return new CliEnv(
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        work,
        Map.of(),
        () -> false,
        () -> false);
  }

  private Path folder(String name) throws Exception {
    Path dir = Files.createDirectory(base.resolve(name));
    Files.writeString(dir.resolve("db.yaml"), "password: hunter2\n");
    return dir;
  }

  @Test
  void sweepStale_folderOfAProcessThatIsGone_removedAndReported() throws Exception {
    // Linux pids stay below 2^22, so this process cannot exist.
    Path stale = folder(PrivateTempFile.PREFIX + "999999999-123");

    PrivateTempFile.sweepStale(env(), base);

    assertThat(stale).doesNotExist();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "sealwright: removed " + stale + ", left with plaintext by an interrupted edit\n");
  }

  @Test
  void sweepStale_folderOfARunningEdit_leftAlone() throws Exception {
    Path live = folder(PrivateTempFile.PREFIX + ProcessHandle.current().pid() + "-123");

    PrivateTempFile.sweepStale(env(), base);

    assertThat(live.resolve("db.yaml")).exists();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void sweepStale_otherUsersFolder_leftAlone() throws Exception {
    Path theirs = folder(PrivateTempFile.PREFIX + "999999999-456");
    // CI runs as root on this machine; a folder of 'nobody' stands for another user's.
    var nobody =
        base.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    Files.setOwner(theirs, nobody);

    PrivateTempFile.sweepStale(env(), base);

    assertThat(theirs.resolve("db.yaml")).exists();
  }

  @Test
  void sweepStale_otherNames_leftAlone() throws Exception {
    Path other = folder("sealwright-other-999999999");

    PrivateTempFile.sweepStale(env(), base);

    assertThat(other).exists();
  }
}
