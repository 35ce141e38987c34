/**
 * The language front end: the ANTLR grammar's generated lexer and parser
 * ({@code dev.scn.lang.antlr}, from {@code grammar/}), {@link dev.scn.lang.ScenarioParser} (the
 * entry point), {@link dev.scn.lang.SyntaxErrors} (syntax errors as short phrases),
 * {@link dev.scn.lang.ModelBuilder} (parse tree to {@code dev.scn.model}) and the
 * {@link dev.scn.lang.Diagnostics} collector. Never prints. Depends on the model and the ANTLR
 * runtime only, not on the engine.
 */
package dev.scn.lang;
