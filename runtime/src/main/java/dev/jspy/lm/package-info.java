/**
 * The LM: {@link dev.jspy.lm.LM}, its requests, responses and exceptions, and the chain every call runs
 * through, as OkHttp builds a call from interceptors:
 *
 * <pre>
 * user interceptors -&gt; observation (callbacks, history, usage) -&gt; cache (memory, disk, single-flight)
 *   -&gt; retries (backoff, Retry-After, only before the first streamed delta) -&gt; transport (OpenAI over OkHttp,
 *   or your own)
 * </pre>
 *
 * <p>Per-call options ({@link dev.jspy.lm.CallOptions}: callbacks, parent call, recorder, stream sink, cache
 * switch, rollout id) travel with the call, never in the request's parameters. This package depends on
 * neither {@code dev.jspy} nor {@code dev.jspy.cache}: the settings reach it through
 * {@link dev.jspy.lm.CallOptions#ambient()}, the shared cache through {@link dev.jspy.lm.ResponseCache}.
 */
package dev.jspy.lm;
