package meili

import "testing"

func TestMarkHTML(t *testing.T) {
	const pre, post = "\uE000", "\uE001"
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Trade talks", "Trade talks"},
		{"escapes text", `a < b & "c" d'e`, "a &lt; b &amp; &#34;c&#34; d&#39;e"},
		{"marks", pre + "Paris" + post + " summit", "<mark>Paris</mark> summit"},
		{"two marks", pre + "a" + post + " b " + pre + "c" + post, "<mark>a</mark> b <mark>c</mark>"},
		{"markup in the text stays text", "<b>" + pre + "x" + post + "</b><script>", "&lt;b&gt;<mark>x</mark>&lt;/b&gt;&lt;script&gt;"},
		{"literal mark tag is escaped", "<mark>fake</mark> " + pre + "real" + post, "&lt;mark&gt;fake&lt;/mark&gt; <mark>real</mark>"},
		{"unclosed mark is closed", pre + "open", "<mark>open</mark>"},
		{"stray close is dropped", "close" + post, "close"},
		{"nested open is ignored", pre + "a" + pre + "b" + post + "c" + post, "<mark>ab</mark>c"},
		{"crop marker", "…the " + pre + "border" + post + " agency…", "…the <mark>border</mark> agency…"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := markHTML(tt.in); got != tt.want {
				t.Errorf("markHTML(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}
