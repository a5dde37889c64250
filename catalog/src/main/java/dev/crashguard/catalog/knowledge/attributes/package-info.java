/**
 * The grammars that libraries apply to annotation attribute values at run time, written down so that a
 * checker can apply them at compile time: Spring's cron expressions ({@link CronGrammar}), request-mapping
 * path patterns ({@link PathPatternGrammar}) and duration strings ({@link DurationGrammar}), and the JDK
 * parsers the libraries call themselves ({@link JdkGrammars}: regular expressions, date patterns, decimal
 * numbers, time zones). Each answers with the library's own complaint, or nothing when the value is
 * accepted. Written from the libraries' documented behaviour and held to the libraries themselves by
 * differential tests over generated inputs; no library is needed at analysis time.
 */
package dev.crashguard.catalog.knowledge.attributes;
