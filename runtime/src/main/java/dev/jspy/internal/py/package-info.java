/**
 * Internal: Python-compatible text primitives the adapters need to produce and read exactly what DSPy
 * does ({@code json.dumps}, {@code repr(float)}, {@code str.splitlines}, {@code ast.literal_eval}, a
 * small part of {@code json_repair}). Not API: may change in any release.
 */
package dev.jspy.internal.py;
