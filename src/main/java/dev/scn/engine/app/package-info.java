/**
 * Applications on top of sockets: an Apache-like HTTP server (with Apache 1.3's lingering
 * close) and a client. Depends on {@code engine.tcp} only.
 */
package dev.scn.engine.app;
