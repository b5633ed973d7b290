package clean

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFindDates(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"month day no year", "published on March 23.", []string{""}},
		{"abbreviated month", "posted Aug. 14, 2009", []string{"2009-08-14"}},
		{"short month", "Jun 3, 2025", []string{"2025-06-03"}},
		{"day range", "from October 20-21, 2016", []string{"2016-10-20"}},
		{"spaced range", "On September 7 - 10, 2021", []string{"2021-09-07"}},
		{"release date", "Release Date: July 11, 2018", []string{"2018-07-11"}},
		{"us numeric", "07-30-2018", []string{"2018-07-30"}},
		{"day first numeric", "24/03/2014", []string{"2014-03-24"}},
		{"dotted", "Published Date: 27.06.2025 16:28", []string{"2025-06-27"}},
		{"iso", "2019/04/05 15:40", []string{"2019-04-05"}},
		{"day month year", "Published 9 September 2025", []string{"2025-09-09"}},
		{"glued", "Published 9 September 2021Last updated 24 December 2021", []string{"2021-09-09", "2021-12-24"}},
		{"caps", "22 JULY 2013", []string{"2013-07-22"}},
		{"ordinal", "Cartagena de Indias, August 26th, 2024", []string{"2024-08-26"}},
		{"comma after month", "07 January, 2023, 09:20 am", []string{"2023-01-07"}},
		{"month year", "Homeland Security Monitor: June 2018", []string{"2018-06"}},
		{"spanish", "el 26 de agosto de 2024", []string{"2024-08-26"}},
		{"sept", "a Sept. 29 call", []string{""}},
		{"no date", "The 2 ministers met 3 times.", nil},
		{"bad month", "13/45/2020", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, d := range findDates(tt.in) {
				got = append(got, d.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("findDates(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestTextDate(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"injected line", " date 2021-06-16 On June 14-15, 2021, the Secretary visited.", "2021-06-16"},
		{"release date line", "Example Headline Goes Here\n\nRelease Date: July 11, 2018\n\nBody text that is long enough to count as a paragraph of the article itself.", "2018-07-11"},
		{"posted in parentheses", "Example Headline Goes Here\n\nCite as \"Doc. No. 1 (posted Aug. 14, 2009)\"\n\nBody.", "2009-08-14"},
		{"standalone line", "Tuesday, February 28, 2012\n\nExample Headline Goes Here\n\nBody text.", "2012-02-28"},
		{"banner is not a date", "Saturday, November 23rd, 2024\n\nExample Headline Goes Here\n\nBody text.", ""},
		{"event date is not a date", "Example Headline Goes Here\n\nOn February 20, 2019, the ministers met in the capital and signed a statement on shared goals.", ""},
		{"year missing", "The following release was published by the agency on March 23. It is reproduced below.", ""},
		{"year from the page", "Example Headline 2017 Goes Here\n\nPosted March 23\n\nThe 2017 plan was adopted.", "2017-03-23"},
		{"headline month", "Example Monitor: June 2018\n\nOn June 25, the ministers met.", "2018-06"},
		{"headline year refined", "Example Ministerial 2017: Communique\n\nWe met in the capital on June 26, 2017, to discuss shared challenges facing our nations.", "2017-06-26"},
		{"dateline place first", "Example Headline Goes Here\n\nOttawa, February 27, 2012 -- The ministers met today to discuss shared challenges at the border.", "2012-02-27"},
		{"dateline with state", "Example Headline Goes Here\n\nWASHINGTON, D.C., May 3, 2016 – The ministers met today to discuss shared challenges.", "2016-05-03"},
		{"dateline date first", "Example Headline Goes Here\n\nMarch 29, 2025 – Mexico City – The ministers met today to discuss shared challenges.", "2025-03-29"},
		{"event date then dash is no dateline", "Example Headline Goes Here\n\nThe ministers, who met on May 3, 2016 - in the capital, discussed shared challenges at length.", ""},
		{"article is from", "Example Headline Goes Here\n\nThis Article is From Jul 08, 2014\n\nThe ministers met today to discuss shared challenges.", "2014-07-08"},
		{"aired on", "Example Interview Goes Here\n\nThis interview aired on Dec. 22, 2024.\n\nThe minister answered questions about shared challenges.", "2024-12-22"},
		{"url is not a date", "Example Headline Goes Here\n\nURL: https://example.org/2020/05/01/story\n\nBody.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in).Date; got != tt.want {
				t.Errorf("Text(%q).Date = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
