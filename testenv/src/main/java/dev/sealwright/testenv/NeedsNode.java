package dev.sealwright.testenv;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an IT class whose tests run pods, so they need the test environment's node ({@code
 * testenv/up --with-node}: containerd, kubelet and kube-scheduler). Opt-in, because the node costs
 * a build on a fresh machine and seconds at every start: the build runs such a class (tag {@value
 * Node#TAG}) only with -D{@value Node#PROPERTY}=true, and elsewhere it is skipped unless the test
 * JVM has {@code -D}{@value Node#PROPERTY}{@code =true}, which also makes {@link
 * KubeTestEnvironment} start the node with the control plane. Tests of such a class can take a
 * {@link Node} parameter.
 *
 * <pre>{@code
 * @NeedsNode
 * final class SomethingNodeIT {
 *   @Test
 *   void x(KubernetesClient admin, TestNamespace ns, Node node) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(KubeTestEnvironment.class)
@Tag(Node.TAG)
@EnabledIfSystemProperty(
    named = Node.PROPERTY,
    matches = "true",
    disabledReason = "needs the test node; run with -Dsealwright.node=true (docs/testing.md)")
public @interface NeedsNode {}
