/**
 * The java agent ({@code premain}/{@code agentmain}), its options, and attaching to a running
 * JVM. The agent jar ({@code pprof4j-runtime/target/pprof4j-agent.jar}) holds only pprof4j's
 * runtime and profile classes.
 */
package dev.pprof4j.runtime.agent;
