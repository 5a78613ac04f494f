package dev.sealwright.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Every log event of this JVM while open, at DEBUG for the root and the given loggers (levels are
 * put back on close), with all an event carries, and the bytes the production encoder makes of it.
 */
final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Map<Logger, Level> levels = new LinkedHashMap<>();
  private final List<ILoggingEvent> events = Collections.synchronizedList(new ArrayList<>());
  private final AppenderBase<ILoggingEvent> appender =
      new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
          // MDC, thread name and formatted message are taken now, on the logging thread; read
          // later they would be the test thread's.
          event.prepareForDeferredProcessing();
          events.add(event);
        }
      };

  private LogCapture() {}

  static LogCapture start(String... debugLoggers) {
    LogCapture capture = new LogCapture();
    capture.debug(capture.root);
    for (String name : debugLoggers) {
      capture.debug((Logger) LoggerFactory.getLogger(name));
    }
    capture.appender.setContext(capture.root.getLoggerContext());
    capture.appender.start();
    capture.root.addAppender(capture.appender);
    return capture;
  }

  private void debug(Logger logger) {
    levels.put(logger, logger.getLevel());
    logger.setLevel(Level.DEBUG);
  }

  List<ILoggingEvent> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
    levels.forEach(Logger::setLevel);
  }

  /**
   * All an event carries, as text: logger, thread, both messages, the arguments, MDC, key-value
   * pairs, markers with their references, and the whole throwable chain (causes and suppressed,
   * messages and stack frames).
   */
  static String everything(ILoggingEvent e) {
    StringBuilder sb = new StringBuilder();
    sb.append(e.getLoggerName()).append('\n').append(e.getThreadName()).append('\n');
    sb.append(e.getMessage()).append('\n').append(e.getFormattedMessage()).append('\n');
    if (e.getArgumentArray() != null) {
      sb.append(Arrays.deepToString(e.getArgumentArray())).append('\n');
    }
    e.getMDCPropertyMap().forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    if (e.getKeyValuePairs() != null) {
      e.getKeyValuePairs().forEach(p -> sb.append(p.key).append('=').append(p.value).append('\n'));
    }
    if (e.getMarkerList() != null) {
      e.getMarkerList()
          .forEach(m -> marker(sb, m, Collections.newSetFromMap(new IdentityHashMap<>())));
    }
    throwable(sb, e.getThrowableProxy(), Collections.newSetFromMap(new IdentityHashMap<>()));
    return sb.toString();
  }

  private static void marker(StringBuilder sb, Marker m, Set<Marker> seen) {
    if (m == null || !seen.add(m)) {
      return;
    }
    sb.append(m.getName()).append('\n');
    m.iterator().forEachRemaining(r -> marker(sb, r, seen));
  }

  private static void throwable(StringBuilder sb, IThrowableProxy t, Set<IThrowableProxy> seen) {
    if (t == null || !seen.add(t)) {
      return;
    }
    sb.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
    if (t.getStackTraceElementProxyArray() != null) {
      for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
        sb.append(frame.getSTEAsString()).append('\n');
      }
    }
    throwable(sb, t.getCause(), seen);
    if (t.getSuppressed() != null) {
      for (IThrowableProxy s : t.getSuppressed()) {
        throwable(sb, s, seen);
      }
    }
  }

  /** The throwable chain of an event as class names and messages, for assertions. */
  static List<String> throwableChain(ILoggingEvent e) {
    List<String> chain = new ArrayList<>();
    for (IThrowableProxy t = e.getThrowableProxy();
        t != null && chain.size() < 20;
        t = t.getCause()) {
      chain.add(t.getClassName() + ": " + t.getMessage());
    }
    return chain;
  }

  /**
   * The encoder the operator logs with, configured by the logback.xml it ships (from
   * target/classes, as packaged), not a default one.
   */
  static ProductionEncoder productionEncoder() {
    return productionEncoder(org.slf4j.Logger.ROOT_LOGGER_NAME, "JSON");
  }

  /** The encoder of {@code appender} on {@code logger}, as the shipped logback.xml sets them. */
  static ProductionEncoder productionEncoder(String logger, String appender) {
    Path config = Path.of(System.getProperty("user.dir"), "target", "classes", "logback.xml");
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(config.toFile());
    } catch (JoranException e) {
      throw new AssertionError("cannot load " + config, e);
    }
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .as("configuring from %s", config)
        .noneMatch(s -> s.getLevel() >= Status.WARN);
    @SuppressWarnings("unchecked")
    var found =
        (OutputStreamAppender<ILoggingEvent>) context.getLogger(logger).getAppender(appender);
    assertThat(found).as("the %s appender of %s in %s", appender, logger, config).isNotNull();
    return new ProductionEncoder(context, found.getEncoder());
  }

  /** The production encoder and the context it was configured in. */
  record ProductionEncoder(LoggerContext context, Encoder<ILoggingEvent> encoder)
      implements AutoCloseable {
    String encode(ILoggingEvent e) {
      return new String(encoder.encode(e), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      context.stop();
    }
  }
}
