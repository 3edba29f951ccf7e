package dev.paved.testing.sandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the sandbox (a real kube-apiserver, scheduler and controllers, with
 * KWOK GPU nodes). One sandbox serves the whole test run: a healthy one already running from the
 * data directory is reused and left running; otherwise one is started and stopped after the run
 * (kept when {@code -Dpaved.sandbox.keep=true}). The data directory is {@code -Dpaved.sandbox.dir},
 * else {@code $PAVED_SANDBOX_DIR}, else {@code ~/.paved/sandbox}.
 *
 * <p>Each test class gets its own namespace, created before its first test and deleted after its
 * last. Constructors and test methods can take a {@code KubernetesClient} (bound to that
 * namespace), a {@link SandboxNamespace} or the {@code Sandbox}. Needs the binaries of {@code
 * sandbox/build.sh}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("sandbox")
@ExtendWith(SandboxExtension.class)
public @interface SandboxTest {}
