import Testing

@testable import TupuQuery

@Test func aRuleIsCompleteOnlyAtItsFinalDot() {
    #expect(!StatementSplitter.isComplete("within(X, P) :- located_in(X, P)"))
    #expect(StatementSplitter.isComplete("within(X, P) :- located_in(X, P)."))
    #expect(!StatementSplitter.isComplete("?- within(X, \"湖州市.\""))
    #expect(StatementSplitter.isComplete("?- within(X,\n   \"湖州市\")."))
}

@Test func aDotInsideAStringCommentOrNumberDoesNotEndTheStatement() {
    #expect(!StatementSplitter.isComplete("?- entity(X, _, \"a.b\")"))
    #expect(!StatementSplitter.isComplete("?- runs(X, Y) % ends here."))
    #expect(!StatementSplitter.isComplete("?- X = 1.5"))
    #expect(StatementSplitter.isComplete("?- runs(X, Y). // and a comment"))
    #expect(StatementSplitter.isComplete("/* only a comment */"))
}

@Test func aDirectiveEndsWithItsLine() {
    #expect(StatementSplitter.isComplete(".decl big(x: symbol)"))
    #expect(!StatementSplitter.isComplete(".decl big(x: symbol,"))
    #expect(StatementSplitter.isComplete(""))
}
