package main

import "strings"

// The fixed lists the world is drawn from. Order matters: it is the
// popularity rank that the Zipf laws sample by.

// functionWords are the most frequent English words, ranked first in the
// vocabulary (most are stop words for the English analyzer).
var functionWords = strings.Fields(`the of and to a in that is was he for it with as his on be at by i this had not
are but from or have an they which one you were her all she there would their we him been has
when who will more no if out so said what up its about into than them can only other new some
could time these two may then do first any my now such like our over man me even most made after
also did many before must through back years where much your way well down should because each
just those people how too little state good very make world still own see men work long get here
between both life being under never day same another know while last might us great old year off
come since against go came right used take three`)

// domainWords follow the function words: the vocabulary of DHS press
// releases on international cooperation, roughly by frequency.
var domainWords = strings.Fields(`security homeland department secretary minister cooperation border
countries international partners government officials interior united states meeting agreement
information sharing migration efforts law enforcement national public joint support threats trafficking
terrorism together continue commitment partnership bilateral including travel strengthen safety
counter criminal networks organizations agencies federal ministry affairs foreign relationship
protect critical infrastructure cyber cybersecurity digital resilience response emergency management
disaster humanitarian assistance relief customs trade lawful goods ports entry maritime coast guard
arctic icebreakers vessels aviation passengers screening visa program asylum refugees irregular
smuggling smugglers migrants flows returns removals deportation detention enforcement investigations
prosecutions justice attorney general police forces intelligence data exchange biometric identity
fraud documents passports financing illicit finance money laundering bulk cash sanctions cartels
narcotics opioids fentanyl precursor chemicals synthetic drugs seizures firearms weapons arms
ammunition explosives extremism extremist radicalization violence violent attacks prevention
resilient communities victims survivors exploitation children abuse forced labor gender women
ministerial summit delegation visit dialogue framework memorandum understanding declaration
statement remarks announced signed launched expanded reviewed discussed welcomed highlighted
priorities challenges risks capacity training technical exchange experts working group task
force action plan initiative strategy policy regional global transnational organized crime
health pandemic preparedness supply chains technology innovation research science energy
climate resources funding million dollars budget secure safe prosperous democratic values
freedom rule mutual shared common commitment ongoing future steps progress results`)

// countries are canonical English short names, most mentioned first.
var countries = strings.Split(strings.ReplaceAll(`United States|Mexico|Germany|United Kingdom|Canada|Australia|
New Zealand|Italy|France|Spain|Poland|Finland|Japan|Ukraine|Russia|Guatemala|Honduras|El Salvador|China|
India|Brazil|Colombia|Netherlands|Belgium|Sweden|Norway|Denmark|Israel|Turkey|Greece|Portugal|Ireland|
Austria|Switzerland|Czech Republic|Hungary|Romania|Bulgaria|Serbia|Croatia|Slovenia|Slovakia|Lithuania|
Latvia|Estonia|Belarus|Moldova|Georgia|Armenia|Azerbaijan|Kazakhstan|Uzbekistan|Afghanistan|Pakistan|
Iran|Iraq|Syria|Jordan|Lebanon|Saudi Arabia|United Arab Emirates|Qatar|Kuwait|Bahrain|Oman|Yemen|Egypt|
Libya|Tunisia|Algeria|Morocco|Sudan|South Sudan|Ethiopia|Eritrea|Somalia|Kenya|Uganda|Tanzania|Rwanda|
Nigeria|Ghana|Senegal|Mali|Niger|Chad|Cameroon|Democratic Republic of the Congo|Angola|Zambia|Zimbabwe|
Mozambique|South Africa|Namibia|Botswana|Madagascar|South Korea|North Korea|Taiwan|Philippines|Vietnam|
Thailand|Indonesia|Malaysia|Singapore|Myanmar|Cambodia|Laos|Bangladesh|Sri Lanka|Nepal|Mongolia|
Argentina|Chile|Peru|Ecuador|Venezuela|Bolivia|Paraguay|Uruguay|Panama|Costa Rica|Nicaragua|Belize|Cuba|
Haiti|Dominican Republic|Jamaica|Trinidad and Tobago|Bahamas|Barbados|Guyana|Suriname|Iceland|
Luxembourg|Malta|Cyprus|Albania|North Macedonia|Montenegro|Bosnia and Herzegovina|Kosovo|Tajikistan|
Kyrgyzstan|Turkmenistan|Fiji|Papua New Guinea|Samoa|Tonga|Brunei|Maldives|Mauritius|Seychelles|Liberia|
Sierra Leone|Guinea|Benin|Togo|Burkina Faso|Gabon|Djibouti`, "\n", ""), "|")

// seedOfficials are the officials of the real seed documents; they rank
// first. The rest are made of firstNames × lastNames.
var seedOfficials = []string{"Alejandro Mayorkas", "Nancy Faeser", "Jeh Johnson", "Loretta Lynch",
	"Janet Napolitano", "Fernando Gómez-Mont", "Eduardo Medina Mora", "Andrés Manuel López Obrador",
	"Antony Blinken", "Merrick Garland", "Joe Biden", "Barack Obama", "Kevin McCarthy"}

var firstNames = strings.Fields(`John Maria James Anna Robert Elena Michael Sofia David Laura William Marta
Richard Olga Thomas Claire Daniel Ingrid Mark Keiko Paul Yuki Peter Ana Jean Carmen Pierre Lucia Hans Petra
Luis Rosa Carlos Irina Jorge Elif Ahmed Fatima Omar Leila Ivan Natalia Sergei Katarzyna Piotr Jan Lars Sanna
Mikko Matteo Giulia Francesco Amit Priya Wei Mei Hiroshi Kenji Samuel Grace Kwame Amara Diego Valentina Ricardo`)

var lastNames = strings.Fields(`Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez
Hernandez Lopez Gonzalez Wilson Anderson Taylor Moore Jackson Martin Lee Thompson White Harris Clark Lewis
Walker Young Allen King Wright Scott Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter Müller
Schmidt Schneider Fischer Weber Becker Rossi Russo Ferrari Bianchi Dubois Durand Moreau Laurent Kowalski
Nowak Wiśniewski Virtanen Korhonen Tanaka Suzuki Takahashi Watanabe Ivanov Petrov Smirnov Kovalenko
Shevchenko Novak Horvat Silva Santos Pereira Oliveira Costa Fernández Gómez Díaz Morales Ramírez Torres
Flores Rivera Castillo Herrera Yilmaz Kaya Demir Haddad Khalil Nasser Singh Kumar Patel Sharma Chen Wang
Zhang Liu Kim Park Choi Nguyen Tran Okafor Mensah Mwangi Dlamini Andersen Nielsen Hansen Larsen Johansson
Lindqvist Jansen Visser`)

// topics are the 18 topics of shared/corpus/TAXONOMY.md with the words
// of their descriptions, which documents on the topic mention.
var topics = []struct {
	name  string
	words string
}{
	{"Counterterrorism", "terrorism terrorist networks financing security threat"},
	{"Violent extremism", "extremism radicalization racially ethnically motivated violence"},
	{"Cybersecurity", "cyber attacks incident response digital ecosystems"},
	{"Critical infrastructure", "protection infrastructure supply chains security"},
	{"Border security", "border enforcement management ports entry"},
	{"Migration", "immigration asylum refugees migration flows policy"},
	{"Human trafficking", "trafficking persons forced labor blue campaign"},
	{"Human smuggling", "migrant smuggling"},
	{"Drug trafficking", "narcotics opioids fentanyl precursor chemicals cartels"},
	{"Weapons trafficking", "firearms arms ammunition smuggling"},
	{"Transnational organized crime", "criminal organizations networks cartels"},
	{"Financial crime", "money laundering bulk cash illicit finance terrorist financing"},
	{"Child exploitation", "child sexual abuse exploitation material"},
	{"Trade and travel", "lawful trade customs travel facilitation visas aviation transport passengers"},
	{"Maritime and Arctic", "maritime security icebreakers arctic coast guard"},
	{"Emergency management", "disaster response public health emergencies humanitarian relief"},
	{"Gender-based violence", "gender based violence"},
	{"Information sharing", "data intelligence information sharing arrangements"},
}

var organizations = []string{"Department of Homeland Security", "European Union", "U.S. Customs and Border Protection",
	"Interpol", "Europol", "U.S. Immigration and Customs Enforcement", "U.S. Department of State", "G7",
	"U.S. Coast Guard", "Federal Bureau of Investigation", "United Nations", "NATO", "Transportation Security Administration",
	"Cybersecurity and Infrastructure Security Agency", "Federal Emergency Management Agency", "Drug Enforcement Administration",
	"U.S. Citizenship and Immigration Services", "Organization of American States", "Council of Europe", "Frontex",
	"International Organization for Migration", "UNHCR", "World Customs Organization", "Arctic Council",
	"Financial Action Task Force", "Secret Service", "Department of Justice", "Five Country Ministerial",
	"Global Counterterrorism Forum", "International Civil Aviation Organization"}

var sources = []string{"U.S. Department of Homeland Security", "Washington Examiner", "AILA InfoNet",
	"The America One News", "U.S. Department of Justice", "U.S. Department of State", "Reuters", "Associated Press",
	"Federal Ministry of the Interior (Germany)", "Home Office (UK)", "Public Safety Canada",
	"Department of Home Affairs (Australia)", "European Commission", "Interpol", "Europol",
	"Secretaría de Gobernación (Mexico)", "The Guardian", "Politico", "The Hill", "Federal News Network",
	"Homeland Security Today", "CBP Newsroom", "ICE Newsroom", "U.S. Coast Guard News", "FEMA Newsroom",
	"CISA News", "TSA Press Office", "USCIS Newsroom", "Council of the EU", "G7 Italy Presidency",
	"Government of Japan", "Ministry of the Interior (Finland)", "Ministry of the Interior (Italy)",
	"Ministerio del Interior (Spain)", "Ministry of Interior (Poland)", "Local news wire"}

var (
	titleRoles = []string{"Secretary", "Minister", "Attorney General", "Deputy Secretary", "Ambassador",
		"Commissioner", "Director", "President", "Under Secretary", "Interior Minister"}
	titleVerbs = []string{"Meets", "Discusses", "Signs", "Announces", "Delivers Remarks on", "Launches", "Expands",
		"Strengthens", "Reviews", "Highlights", "Calls for", "Welcomes"}
	titleNouns = []string{"Cooperation", "Partnership", "Agreement", "Dialogue", "Initiative", "Joint Statement",
		"Summit", "Memorandum of Understanding", "Task Force", "Action Plan", "Readout", "Framework"}
)

// Syllables of the made-up words that fill the long tail of the
// vocabulary (a real word list would make the generator depend on files
// outside the repository).
var (
	onsets = strings.Fields("b bl br c ch cl cr d dr f fl fr g gl gr h j k l m n p ph pl pr qu r s sc sh sk sl sm sp st str t th tr v w wh z")
	nuclei = strings.Fields("a e i o u a e i o u ai ea ee ie oa ou io")
	codas  = append([]string{"", "", ""}, strings.Fields("n r s t l m nd nt st ck ng rd rt ll ss x")...)
)
