package meili

import (
	"bufio"
	"bytes"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/google/go-cmp/cmp"
)

// TestStopWordsMatchBleve keeps the list equal to the one Bleve's English
// analyzer drops, so both backends require the same query words.
func TestStopWordsMatchBleve(t *testing.T) {
	var bleveWords []string
	s := bufio.NewScanner(bytes.NewReader(en.EnglishStopWords))
	for s.Scan() {
		line, _, _ := strings.Cut(s.Text(), "|") // "|" starts a comment
		if f := strings.Fields(line); len(f) > 0 {
			bleveWords = append(bleveWords, f[0])
		}
	}
	if diff := cmp.Diff(bleveWords, stopWords); diff != "" {
		t.Errorf("stop words (-bleve +meili):\n%s", diff)
	}
}
