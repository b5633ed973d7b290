package clean

import "testing"

func TestPublisherOf(t *testing.T) {
	tests := []struct{ url, want string }{
		{"https://www.dhs.gov/news/2025/01/02/secretary-meets-counterpart", "U.S. Department of Homeland Security"},
		{"https://dhs.gov/", "U.S. Department of Homeland Security"},
		{"https://www.oig.dhs.gov/reports/2024", "DHS Office of Inspector General"},
		{"https://WWW.STATE.GOV/briefings/", "U.S. Department of State"},
		{"https://www.gov.uk/government/organisations/home-office/about", "Home Office"},
		{"https://www.gov.uk/government/news/some-release", "UK Government"},
		{"https://www.canada.ca/en/public-safety-canada/news/2025/01/release.html", "Public Safety Canada"},
		{"https://www.canada.ca/en/services.html", "Government of Canada"},
		{"https://www.gob.mx/sre/prensa/comunicado", "Mexican Secretariat of Foreign Affairs"},
		{"https://www.gob.mx/sreforma", "Government of Mexico"}, // a path prefix matches whole segments only
		{"https://www.reuters.com/world/americas/story-2025-01-02/", "Reuters"},
		{"https://apnews.com/article/abc", "Associated Press"},
		{"https://notdhs.gov/", ""}, // a suffix that is not a parent domain
		{"https://gov/", ""},
		{"https://example.org/", ""},
		{"not a url", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := PublisherOf(tt.url); got != tt.want {
			t.Errorf("PublisherOf(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
}

func TestParsePublishers(t *testing.T) {
	if len(publishers) < 50 {
		t.Errorf("the embedded table has %d entries; want the publishers our users follow", len(publishers))
	}
	for _, bad := range []string{"dhs.gov", "dhs.gov\t", "https://dhs.gov\tDHS", "dhs.gov/\tDHS", "a.gov\tA\na.gov\tB"} {
		if _, err := parsePublishers(bad); err == nil {
			t.Errorf("parsePublishers(%q): no error", bad)
		}
	}
	m, err := parsePublishers("# comment\n\nExample.GOV\tExample Agency\r\n")
	if err != nil || m["example.gov"] != "Example Agency" {
		t.Errorf("parsePublishers: %v %v", m, err)
	}
}
