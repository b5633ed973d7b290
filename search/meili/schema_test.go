package meili

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/accord-search/accord/search"
	"github.com/google/go-cmp/cmp"
)

// TestDisplayedAttributesCoverDocument fails when search.Document gains a
// field that Meilisearch would not return.
func TestDisplayedAttributesCoverDocument(t *testing.T) {
	typ := reflect.TypeFor[search.Document]()
	var fields []string
	for f := range typ.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name != "" && name != "-" {
			fields = append(fields, name)
		}
	}
	got := slices.Sorted(slices.Values(displayedAttributes))
	slices.Sort(fields)
	if diff := cmp.Diff(fields, got); diff != "" {
		t.Errorf("displayedAttributes vs search.Document's JSON fields (-document +displayed):\n%s", diff)
	}
}

func TestToStored(t *testing.T) {
	tests := []struct {
		name string
		doc  search.Document
		want string // the stored JSON's derived and text fields
	}{
		{"full date", search.Document{ID: "a", Date: "2024-03-05"},
			`{"date_ts": 1709596800, "year": "2024", "title": "", "body": ""}`},
		{"month", search.Document{ID: "a", Date: "2024-03"},
			`{"date_ts": 1709251200, "year": "2024", "title": "", "body": ""}`},
		{"year", search.Document{ID: "a", Date: "1999"},
			`{"date_ts": 915148800, "year": "1999", "title": "", "body": ""}`},
		{"epoch is still sent", search.Document{ID: "a", Date: "1970-01-01"},
			`{"date_ts": 0, "year": "1970", "title": "", "body": ""}`},
		{"no date", search.Document{ID: "a"}, `{"title": "", "body": ""}`},
		{"bad date", search.Document{ID: "a", Date: "March 2024"}, `{"title": "", "body": ""}`},
		{"markers stripped", search.Document{ID: "a", Title: "a\uE000b\uE001c", Body: "\uE001x"},
			`{"title": "abc", "body": "x"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			all := toJSON(t, toStored(tt.doc)).(map[string]any)
			got := map[string]any{}
			for _, k := range []string{attrDateTS, attrYear, attrTitle, attrBody} {
				if v, ok := all[k]; ok {
					got[k] = v
				}
			}
			if diff := cmp.Diff(decodeJSON(t, tt.want), any(got)); diff != "" {
				t.Errorf("stored fields (-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{
		"abc-DEF_123":            true,
		"":                       false,
		"a/b":                    false,
		"a b":                    false,
		"é":                      false,
		"a?x=1":                  false,
		strings.Repeat("a", 511): true,
		strings.Repeat("a", 512): false,
	} {
		if got := validID(id); got != want {
			t.Errorf("validID(%.20q) = %v, want %v", id, got, want)
		}
	}
}

// TestValidIndex: Meilisearch v1.24 accepts index uids of at most 400
// bytes (issue 11, item 7); Open refuses a longer one before any request.
func TestValidIndex(t *testing.T) {
	for uid, want := range map[string]bool{
		"news":                   true,
		"a-b_C":                  true,
		"":                       false,
		"a.b":                    false,
		strings.Repeat("a", 400): true,
		strings.Repeat("a", 401): false,
	} {
		if got := validIndex(uid); got != want {
			t.Errorf("validIndex(%.20q) = %v, want %v", uid, got, want)
		}
	}
	if _, err := Open(t.Context(), Config{URL: "http://127.0.0.1:7700", Index: strings.Repeat("a", 401)}); err == nil ||
		!strings.Contains(err.Error(), "want 1-400 characters") {
		t.Errorf("Open with a 401-byte index uid: got %v, want a 1-400 characters error", err)
	}
}
