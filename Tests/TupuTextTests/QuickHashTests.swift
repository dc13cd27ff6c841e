import Testing
import TupuText

@Suite struct QuickHashTests {
    @Test func quickHashEqualsStringHashForChineseAndOtherText() {
        let texts = [
            "西湖区文新街道", "org:东山社区居委会@330106", "“邻里坊”·服务中心（试点）",
            "", "plain ASCII", String(repeating: "村", count: 600),
            "e\u{301}",  // not NFC: hashed through String
            "\u{F900}"
        ]  // a compatibility ideograph: NFC is U+8C48
        for text in texts { #expect(text.quickHashValue == text.hashValue, "\(text)") }
    }

    @Test func canonicallyEqualTextsAreOneKey() {
        // 豈 written as the compatibility ideograph U+F900 and as U+8C48 are the same String.
        let keys: Set<TextKey> = [TextKey("\u{8C48}"), TextKey("\u{F900}"), TextKey("caf\u{E9}"), TextKey("cafe\u{301}")]
        #expect(keys.count == 2)
        #expect(TextKey("东山村") != TextKey("东山镇"))
    }
}
