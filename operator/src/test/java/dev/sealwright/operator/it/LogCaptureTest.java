package dev.sealwright.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.sealwright.operator.audit.DecryptionAudit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

/** What the log-leak IT looks at really holds every part of an event (no cluster needed). */
class LogCaptureTest {
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(LogCaptureTest.class);

  @Test
  void everything_eachPartOfAnEvent_isInTheText() {
    ILoggingEvent e;
    try (LogCapture capture = LogCapture.start()) {
      MDC.put("mdc-key", "in-mdc");
      RuntimeException cause = new IllegalStateException("in-cause");
      RuntimeException top = new RuntimeException("in-top", cause);
      top.addSuppressed(new IllegalArgumentException("in-suppressed"));
      var marker = MarkerFactory.getDetachedMarker("in-marker");
      marker.add(MarkerFactory.getDetachedMarker("in-referenced-marker"));
      LOG.atWarn()
          .addMarker(marker)
          .addKeyValue("kv-key", "in-kv")
          .setCause(top)
          .log("raw {}", "in-argument");
      MDC.remove("mdc-key");
      e = capture.events().getLast();
    }

    assertThat(LogCapture.everything(e))
        .contains(
            "raw {}",
            "raw in-argument",
            "[in-argument]",
            "mdc-key=in-mdc",
            "kv-key=in-kv",
            "in-marker",
            "in-referenced-marker",
            "java.lang.RuntimeException: in-top",
            "java.lang.IllegalStateException: in-cause",
            "java.lang.IllegalArgumentException: in-suppressed",
            "at dev.sealwright.operator.it.LogCaptureTest.everything_eachPartOfAnEvent");
    assertThat(LogCapture.throwableChain(e))
        .containsExactly(
            "java.lang.RuntimeException: in-top", "java.lang.IllegalStateException: in-cause");
  }

  @Test
  void productionEncoder_asConfigured_writesMessageAndTheWholeThrowableButNotMdc() {
    ILoggingEvent e;
    try (LogCapture capture = LogCapture.start()) {
      MDC.put("mdc-key", "in-mdc");
      LOG.warn("formatted {}", "in-argument", new RuntimeException("in-top", new Exception("c")));
      MDC.remove("mdc-key");
      e = capture.events().getLast();
    }

    try (LogCapture.ProductionEncoder production = LogCapture.productionEncoder()) {
      assertThat(production.encode(e))
          .startsWith("{")
          .endsWith("}\n")
          .contains("\"formattedMessage\":\"formatted in-argument\"", "in-top", "\"c\"")
          .as("logback.xml: withMDC false")
          .doesNotContain("in-mdc");
    }
  }

  @Test
  void productionConfig_auditLogger_ownAppenderWritesTheMessageAloneAndNotTheRoot() {
    org.slf4j.Logger audit = LoggerFactory.getLogger(DecryptionAudit.LOGGER);
    ILoggingEvent e;
    try (LogCapture capture = LogCapture.start()) {
      audit.info("{\"audit\":\"decryption\"}");
      e = capture.events().getLast();
    }

    try (LogCapture.ProductionEncoder production =
        LogCapture.productionEncoder(DecryptionAudit.LOGGER, "AUDIT")) {
      assertThat(production.encode(e)).isEqualTo("{\"audit\":\"decryption\"}\n");
      var logger = production.context().getLogger(DecryptionAudit.LOGGER);
      assertThat(logger.isAdditive()).as("not also through the root's JSON appender").isFalse();
      assertThat(logger.getLevel()).hasToString("INFO");
    }
  }
}
