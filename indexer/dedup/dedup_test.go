package dedup

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

const release = `Secretary of Homeland Security met the Minister of the Interior and their delegations in Washington.
The Department continues its work with partners across the wide spectrum of security threats facing the two countries.
Countering terrorism and the means to finance terrorist networks is fundamental to those joint efforts, including
efforts to counter violent extremism. The Department looks forward to expanding cooperation on drug trafficking.`

func TestDetector(t *testing.T) {
	reprint := "Home | News | Contact\nThe following press release was published on March 23.\n" + release + "\nCopyright 2023 Newswire. All rights reserved."
	edited := strings.Replace(release, "Washington", "Berlin", 1)
	other := strings.Repeat("An unrelated article about maritime icebreakers and Arctic cooperation between many partners. ", 4)
	short := "Too short to judge."
	d := New()
	tests := []struct {
		name string
		text string
		want int
	}{
		{"original", release, -1},
		{"other article", other, -1},
		{"reprint with boilerplate", reprint, 0},
		{"small edit", edited, 0},
		{"short text", short, -1},
		{"short text again", short, -1},
		{"excerpt inside a longer page", "Opinion: why partnerships matter.\n" + release[:len(release)*9/10] + "\n" + other, 0},
	}
	for _, tt := range tests {
		if got := d.Add(tt.text); got != tt.want {
			t.Errorf("%s: Add = %d, want %d (similarity to original %.2f)", tt.name, got, tt.want, Similarity(release, tt.text))
		}
	}
}

func TestDetectorScalesWithoutFalseGroups(t *testing.T) {
	d := New()
	for i := 0; i < 2000; i++ {
		text := fmt.Sprintf("document %d talks about topic %d with partner %d and many other distinct words like w%d x%d y%d z%d q%d r%d s%d",
			i, i*7, i*13, i, i+1, i+2, i+3, i+4, i+5, i+6)
		if got := d.Add(text); got != -1 {
			t.Fatalf("doc %d grouped with %d", i, got)
		}
	}
}

// TestSignaturesAreTheSameInEveryProcess runs this test binary twice and
// compares the signatures the two processes compute for the same text:
// with a per-process hash seed, runs on an unchanged corpus folded
// different pairs, so incremental runs added and deleted documents.
func TestSignaturesAreTheSameInEveryProcess(t *testing.T) {
	if os.Getenv("DEDUP_PRINT_SIGNATURE") == "1" {
		fmt.Println(signature(shingles(release)))
		return
	}
	var outs []string
	for range 2 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSignaturesAreTheSameInEveryProcess$")
		cmd.Env = append(os.Environ(), "DEDUP_PRINT_SIGNATURE=1")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("child: %v", err)
		}
		outs = append(outs, string(out))
	}
	if outs[0] != outs[1] {
		t.Errorf("two processes computed different signatures for the same text:\n%s\n%s", outs[0], outs[1])
	}
	if !strings.Contains(outs[0], fmt.Sprint(signature(shingles(release)))) {
		t.Errorf("a child's signature differs from this process's:\n%s", outs[0])
	}
}
