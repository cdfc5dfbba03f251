package io.ringfence.detection.sandbox;

import io.ringfence.detection.sandbox.ExpressionCheck.Context;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The token check's reading of code must match the compiler's wherever a difference would hide a name. */
class ExpressionCheckTest {
    private final ExpressionCheck check = new ExpressionCheck(new ClassNames(getClass().getClassLoader()));

    private List<String> java(String code) {
        return check.problems(code, Context.JAVA_BLOCK);
    }

    @Test
    void ordinaryConsequenceCodeHasNoProblems() {
        assertThat(java("""
                long minutes = ( $q.getTimestampMillis() - drools.getKieRuntime().getSessionClock().getCurrentTime() ) / 60000L;
                java.util.List<Object> ids = new java.util.ArrayList<>( $ids );
                String label = String.format( "%d calls", ids.size() ).toUpperCase(); // "quoted" words in a comment
                insert( new Watch( "SIMBOX", $c.getSubscriber(), null ) );
                """)).isEmpty();
    }

    @Test
    void aStringNamesNothing() {
        assertThat(java("String s = \"java.lang.System.exit\"; char c = 'S';")).isEmpty();
    }

    @Test
    void aQuoteInACommentDoesNotHideTheCodeAfterIt() {
        assertThat(java("// \"\nSystem.exit( 0 ); // \"")).anySatisfy(p -> assertThat(p).contains("java.lang.System"));
        assertThat(java("/* \" */ System.exit( 0 ); /* \" */")).anySatisfy(p -> assertThat(p).contains("java.lang.System"));
    }

    @Test
    void proseInACommentIsNotCode() {
        assertThat(java("// wait for the callback, then exit: the System class of the switch\nint x = 1; /* class, static */")).isEmpty();
    }

    @Test
    void aLineCommentEndsAtACarriageReturnAsInJava() {
        assertThat(java("// note\rRuntime.getRuntime();")).anySatisfy(p -> assertThat(p).contains("java.lang.Runtime"));
    }

    @Test
    void aQuoteInACharacterLiteralDoesNotOpenAString() {
        assertThat(java("char c = '\"'; System.exit( 0 ); String s = \"\";"))
                .anySatisfy(p -> assertThat(p).contains("java.lang.System"));
    }

    @Test
    void aDottedNameIsFoundAcrossSpacesAndComments() {
        assertThat(java("java . io/**/. File f = null;")).anySatisfy(p -> assertThat(p).contains("java.io.File"));
    }

    @Test
    void textBlocksAndNumbersWithLettersAreRefused() {
        assertThat(java("String s = \"\"\"\n  a\"b\n  \"\"\"; System.exit( 0 );")).anySatisfy(p -> assertThat(p).contains("text blocks"));
        assertThat(java("int x = 1System;")).anySatisfy(p -> assertThat(p).contains("is not a number"));
        assertThat(java("long w = 0x1F + 10_000L + 1e5 + 2.5f;")).isEmpty();
    }

    @Test
    void bracketsInAConstraintOnlyFollowTemporalOperators() {
        assertThat(check.problems("this after[ 0s, 1h ] $t, subscriber == $t.subscriber", Context.MVEL)).isEmpty();
        assertThat(check.problems("$list[ 0 ] == 1", Context.MVEL))
                .anySatisfy(p -> assertThat(p).contains("'[' is only allowed after a temporal operator"));
        assertThat(check.problems("a == 1; b == 2", Context.MVEL)).anySatisfy(p -> assertThat(p).contains("';'"));
    }

    @Test
    void anExpressionMayHoldALambdaBlockButNotEndItself() {
        assertThat(check.problems("$ids.stream().anyMatch( e -> { return e != null; } )", Context.JAVA_EXPRESSION)).isEmpty();
        assertThat(check.problems("true; } static { ", Context.JAVA_EXPRESSION)).isNotEmpty();
        // Compiled inside getFieldValue( ... ): a closing bracket would end that call and the method after it.
        assertThat(check.problems("true ) || ( false", Context.JAVA_EXPRESSION))
                .anySatisfy(p -> assertThat(p).contains("unbalanced"));
    }

    @Test
    void theValueTypesOfJavaLangAreAllowedAndTheRestIsNot() {
        assertThat(java("long m = Math.max( Long.parseLong( \"1\" ), Integer.MAX_VALUE ); StringBuilder b = new StringBuilder();")).isEmpty();
        assertThat(java("ProcessHandle.current().pid();")).anySatisfy(p -> assertThat(p).contains("java.lang.ProcessHandle"));
        assertThat(java("StackWalker.getInstance();")).anySatisfy(p -> assertThat(p).contains("java.lang.StackWalker"));
        assertThat(check.problems("Array.getLength( $a ) > 0", Context.MVEL))
                .anySatisfy(p -> assertThat(p).contains("java.lang.reflect.Array"));
    }
}
