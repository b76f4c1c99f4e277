/**
 * jspy's internals, shared between its packages. Not API: anything here may change or disappear in any
 * release. Do not depend on it.
 */
package dev.jspy.internal;
