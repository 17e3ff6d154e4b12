package org.bulletin.enrich.parse;

import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ParsersNeverThrowProperties {

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(400),
                Arbitraries.strings()
                        .withChars("<>/=\"'!-&;#\n\r\t .,0123456789ЯжAz«»–")
                        .ofMaxLength(400),
                Arbitraries.of(
                                "<html><body><h1>x</h1><p>",
                                "20.01.2022",
                                "\n\n\n",
                                "Go back",
                                "<script>",
                                "31.02.2024",
                                "99 July 2024",
                                "<<<<",
                                "К.-Ж. ",
                                "\u0000\uFFFF\uD800")
                        .list()
                        .ofMaxSize(40)
                        .map(l -> String.join("", l)));
    }

    @Property(tries = 300)
    void splitterNeverThrows(@ForAll("hostile") String text) {
        ReleaseSplitter.split(text);
    }

    @Property(tries = 300)
    void htmlParserNeverThrows(@ForAll("hostile") String text) {
        HtmlText.Page page = HtmlText.parse(text);
        ReleaseSplitter.single(page.text(), page.title(), page.date());
    }

    @Property(tries = 300)
    void dateParserAndLanguageDetectorNeverThrow(@ForAll("hostile") String text) {
        DateParser.findAll(text, LocalDate.of(2024, 1, 1));
        DateParser.isDateOnly(text);
        LanguageDetector.detect(text);
    }

    @Property(tries = 300)
    void decoderNeverThrows(@ForAll byte[] body, @ForAll("charsets") String charset) {
        TextDecoder.decode(body, charset, "text/plain");
    }

    @Provide
    Arbitrary<String> charsets() {
        return Arbitraries.of("utf-8", "windows-1251", "no-such-charset", "", "\"", "UTF-16");
    }
}
