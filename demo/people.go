package demo

import (
	"strings"

	"github.com/overlegplanner/overlegplanner/domain"
)

// Every person in the demo is fictional. E-mail addresses use the reserved
// .example top-level domain (RFC 2606), so that a demo invite sent by
// mistake can never reach a real mailbox.

var firstNames = []string{
	"Anneke", "Pieter", "Marloes", "Jan-Willem", "Sanne", "Kees", "Ilse", "Bram", "Femke", "Ruud",
	"Lotte", "Erik", "Janneke", "Marco", "Nienke", "Wim", "Esther", "Joost", "Hanneke", "Dirk",
	"Ingrid", "Sander", "Carolien", "Maarten", "Eline", "Rob", "Willemijn", "Thijs", "Margot", "Hugo",
	"Noor", "Gert-Jan", "Yvonne", "Rik", "Sietske", "Arjen", "Mirjam", "Frank", "Lieke", "Tom",
	"Daan", "Fleur", "Jeroen", "Kim", "Bas", "Judith", "Henk", "Evelien", "Koen", "Ria",
}

var lastNames = []string{
	"de Jonge", "Minderhoud", "Dingemanse", "Wisse", "Kodde", "Meulmeester", "Boone", "Verhage", "Geschiere", "Huijsman",
	"van der Peijl", "Poppe", "Joosse", "Flipse", "Sinke", "Lievense", "Goedegebure", "Adriaansens", "Corbijn", "de Kam",
	"Wondergem", "Moerland", "Hoogesteger", "van Belzen", "Baaijens", "Risseeuw", "Francke", "Kik", "Nijsse", "Pieterse",
	"Stroosnijder", "Tazelaar", "van Damme", "Huibregtse", "Verburg", "Bimmel", "Quaak", "Zuidweg", "Rentmeester", "Traas",
	"de Koeijer", "Schippers", "Leijnse", "Vermeulen", "Ossewaarde", "Eversdijk", "Marijs", "Hage", "Jobse", "Overbeeke",
}

// personKind says which seat a demo person takes.
type personKind int

const (
	burgemeester personKind = iota
	wethouderSociaal
	adviseurSociaal
	adviseurWerk
	secretaris
)

// namer hands out distinct fictional names in a fixed order, so that the
// demo is the same on every machine.
type namer struct{ n int }

func (nm *namer) next() (first, last string) {
	i := nm.n
	nm.n++
	return firstNames[(i*7)%len(firstNames)], lastNames[(i*11+3)%len(lastNames)]
}

func emailLocal(first, last string) string {
	l := strings.NewReplacer(" ", "", "-", "").Replace(strings.ToLower(last))
	return strings.ToLower(first[:1]) + "." + l
}

func emailDomain(name string) string {
	return strings.NewReplacer(" ", "", "-", "").Replace(strings.ToLower(name)) + ".example"
}

// peopleIndex finds demo people by gemeente and kind.
type peopleIndex struct {
	byMun     map[int64]map[personKind]int64
	secretary map[int64]int64 // partnership → person
}

func people(muns []domain.Municipality, ps []domain.Partnership) ([]domain.Person, peopleIndex) {
	nm := &namer{}
	ix := peopleIndex{byMun: map[int64]map[personKind]int64{}, secretary: map[int64]int64{}}
	var out []domain.Person
	add := func(p domain.Person, mun int64, k personKind) {
		p.ID = int64(len(out) + 1)
		out = append(out, p)
		if mun != 0 {
			if ix.byMun[mun] == nil {
				ix.byMun[mun] = map[personKind]int64{}
			}
			ix.byMun[mun][k] = p.ID
		}
	}
	for _, m := range muns {
		dom := emailDomain(m.Name)
		f, l := nm.next()
		add(domain.Person{Name: f + " " + l, Email: emailLocal(f, l) + "@" + dom, MunicipalityID: m.ID, Role: domain.PersonBestuurder,
			Function: "burgemeester van " + m.Name, Phone: "0118 " + phone(len(out))}, m.ID, burgemeester)
		f, l = nm.next()
		add(domain.Person{Name: f + " " + l, Email: emailLocal(f, l) + "@" + dom, MunicipalityID: m.ID, Role: domain.PersonBestuurder,
			Function: "wethouder Sociaal Domein", Phone: "0118 " + phone(len(out))}, m.ID, wethouderSociaal)
		f, l = nm.next()
		add(domain.Person{Name: f + " " + l, Email: emailLocal(f, l) + "@" + dom, MunicipalityID: m.ID, Role: domain.PersonAmbtenaar,
			Function: "beleidsadviseur sociaal domein"}, m.ID, adviseurSociaal)
		if m.ID == Middelburg || m.ID == Vlissingen || m.ID == Veere {
			f, l = nm.next()
			add(domain.Person{Name: f + " " + l, Email: emailLocal(f, l) + "@" + dom, MunicipalityID: m.ID, Role: domain.PersonAmbtenaar,
				Function: "beleidsadviseur werk en inkomen"}, m.ID, adviseurWerk)
		}
	}
	for _, p := range ps {
		f, l := nm.next()
		add(domain.Person{Name: f + " " + l, Email: "secretariaat@" + emailDomain(p.ShortName), Role: domain.PersonSecretaris,
			Function: "regiosecretaris " + p.Name}, 0, secretaris)
		ix.secretary[p.ID] = out[len(out)-1].ID
	}
	return out, ix
}

func phone(n int) string {
	d := 400000 + n*7919%600000
	s := []byte("000 000")
	for i := 6; i >= 0; i-- {
		if i == 3 {
			continue
		}
		s[i] = byte('0' + d%10)
		d /= 10
	}
	return string(s)
}
