import Datalog
import Testing

// What the REPL asks before it runs typed text, answered by the parser's own lexer.

@Test func aRuleIsCompleteOnlyAtItsFinalDot() {
    #expect(!StatementBoundary.isComplete("within(X, P) :- located_in(X, P)"))
    #expect(StatementBoundary.isComplete("within(X, P) :- located_in(X, P)."))
    #expect(!StatementBoundary.isComplete("?- within(X, \"湖州市.\""))
    #expect(StatementBoundary.isComplete("?- within(X,\n   \"湖州市\")."))
    #expect(!StatementBoundary.isComplete("上级(X, P) :- 属于(X, P).\n上级(X, P) :- 属于(X, Q),"))
}

@Test func aDotInsideAStringCommentOrNumberDoesNotEndTheStatement() {
    #expect(!StatementBoundary.isComplete("?- entity(X, _, \"a.b\")"))
    // `%` starts a comment at the start of a line (elsewhere it is modulo, as the parser reads it).
    #expect(!StatementBoundary.isComplete("?- runs(X, Y)\n% ends here."))
    #expect(!StatementBoundary.isComplete("?- runs(X, Y) // ends here."))
    #expect(!StatementBoundary.isComplete("?- runs(X, Y) /* ends here. */"))
    #expect(!StatementBoundary.isComplete("?- X = 1.5"))
    #expect(StatementBoundary.isComplete("?- runs(X, Y). // and a comment"))
    #expect(StatementBoundary.isComplete("?- runs(X, Y). % and a comment"))
    #expect(StatementBoundary.isComplete("/* only a comment */"))
    #expect(!StatementBoundary.isComplete("/* a comment still open. "))
}

@Test func aDirectiveEndsWithItsLine() {
    #expect(StatementBoundary.isComplete(".decl big(x: symbol)"))
    #expect(!StatementBoundary.isComplete(".decl big(x: symbol,"))
    #expect(StatementBoundary.isComplete(".decl big(x: symbol,\n  n: number)\n"))
    #expect(StatementBoundary.isComplete(""))
    #expect(StatementBoundary.isComplete("  \n"))
}

@Test func textNoMoreInputCanMendIsCompleteSoItsErrorShowsAtOnce() {
    // A single-quoted string is an error wherever the statement goes on.
    #expect(StatementBoundary.isComplete("?- name(X, '湖州市"))
}

@Test func theCursorIsInsideAStringOnlyAfterAnOpeningQuote() {
    #expect(StatementBoundary.endsInsideString("?- within(X, \"湖州"))
    #expect(!StatementBoundary.endsInsideString("?- within(X, \"湖州市\""))
    #expect(StatementBoundary.endsInsideString("?- name(X, \"say \\\"湖"))
    #expect(!StatementBoundary.endsInsideString("% a comment with \" in it"))
    #expect(!StatementBoundary.endsInsideString("?- within(X, "))
}
