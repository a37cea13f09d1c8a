package demo

import "github.com/overlegplanner/overlegplanner/domain"

// topic is a substantive agenda item the demo can put on a meeting: its
// title, kind, proposal, and — for meetings already held — the decision and
// its motivation, plus the stukken that belong to it.
type topic struct {
	title        string
	kind         domain.ItemKind
	proposal     string
	decision     string
	motivation   string
	stukken      []string // titles; the first is the voorstel itself
	confidential bool
	action       string // an action from the besluitenlijst, if any
}

// topics per partnership. The texts are invented but written the way
// regional secretariats write them, so that the PDFs look real.
var topics = map[int64][]topic{
	Orionis: {
		{title: "Ontwerpbegroting 2028 Orionis Walcheren", kind: domain.ItemBesluitvorming,
			proposal:   "1. Kennisnemen van de ontwerpbegroting 2028.\n2. De ontwerpbegroting voor zienswijze aanbieden aan de gemeenteraden van Middelburg, Vlissingen en Veere.",
			decision:   "Het overleg stemt in met het aanbieden van de ontwerpbegroting 2028 aan de raden.",
			motivation: "De begroting sluit met een gelijke gemeentelijke bijdrage per inwoner; de indexatie volgt de afspraken uit de financiële kaderbrief. De raden hebben twaalf weken voor hun zienswijze.",
			stukken:    []string{"Voorstel ontwerpbegroting 2028", "Ontwerpbegroting 2028", "Aanbiedingsbrief aan de raden"},
			action:     "Aanbiedingsbrief en begroting uiterlijk vrijdag naar de griffies sturen"},
		{title: "Uitvoeringsplan ‘Participatiewet in balans’", kind: domain.ItemBespreking,
			proposal:   "Bespreken van de uitgangspunten voor de invoering van de wetswijzigingen per 1 januari.",
			decision:   "Het overleg onderschrijft de uitgangspunten; het uitvoeringsplan komt ter besluitvorming terug.",
			motivation: "De vereenvoudigingen van de wet raken alle drie de gemeenten gelijk; één uitvoeringsplan voorkomt verschillen in dienstverlening.",
			stukken:    []string{"Notitie uitgangspunten", "Overzicht wetswijzigingen"}},
		{title: "Kwartaalrapportage bijstand en re-integratie", kind: domain.ItemInformatie,
			proposal: "Kennisnemen van de kwartaalrapportage.",
			decision: "Het overleg neemt kennis van de rapportage.",
			stukken:  []string{"Kwartaalrapportage"}},
		{title: "Evaluatie minimaregelingen", kind: domain.ItemBesluitvorming,
			proposal:   "Instemmen met het verhogen van de inkomensgrens van de individuele inkomenstoeslag naar 125% van het sociaal minimum.",
			decision:   "Het overleg stemt in met het voorstel, onder voorbehoud van de rugdekking van het college van Veere.",
			motivation: "Het bereik van de regeling blijft achter (38%); de evaluatie laat zien dat de grens van 110% werkende armen uitsluit. De kosten (€ 412.000) passen binnen het armoedebudget.",
			stukken:    []string{"Voorstel minimaregelingen", "Evaluatierapport minimabeleid"},
			action:     "Effect op het armoedebudget per gemeente uitwerken voor het volgende PHO"},
		{title: "Gunning aanbesteding re-integratietrajecten", kind: domain.ItemBesluitvorming, confidential: true,
			proposal:   "Instemmen met de gunning van perceel 2 aan de inschrijver met de economisch meest voordelige inschrijving.",
			decision:   "Het overleg stemt in met de gunning.",
			motivation: "De beoordelingscommissie heeft de inschrijvingen unaniem gerangschikt; de Alcatel-termijn loopt tot twintig dagen na verzending van de gunningsbeslissing.",
			stukken:    []string{"Gunningsadvies beoordelingscommissie", "Proces-verbaal van opening"}},
		{title: "Wachttijden schuldhulpverlening", kind: domain.ItemBespreking,
			proposal:   "Bespreken van de maatregelen om de wachttijd voor een eerste gesprek terug te brengen tot drie werkdagen.",
			decision:   "Het overleg vraagt Orionis de maatregelen uit te voeren en na een half jaar te rapporteren.",
			motivation: "De wettelijke termijn is drie werkdagen; de gemiddelde wachttijd was in het derde kwartaal negen werkdagen.",
			stukken:    []string{"Notitie wachttijden schuldhulpverlening"}},
	},
	JeugdZeeland: {
		{title: "Regiovisie Jeugd Zeeland 2027–2030", kind: domain.ItemBesluitvorming,
			proposal:   "1. Instemmen met de concept-regiovisie.\n2. De regiovisie ter vaststelling voorleggen aan de dertien gemeenteraden.",
			decision:   "Het PHO stemt in met de concept-regiovisie en legt deze voor aan de raden.",
			motivation: "De Hervormingsagenda Jeugd vraagt een regiovisie per jeugdregio; de visie is opgesteld met jongeren, aanbieders en het onderwijs.",
			stukken:    []string{"Voorstel regiovisie", "Concept-regiovisie Jeugd Zeeland 2027–2030", "Verslag participatietraject"},
			action:     "Raadsvoorstel-format naar de dertien griffies sturen"},
		{title: "Tarieven specialistische jeugdhulp 2027", kind: domain.ItemBesluitvorming,
			proposal:   "Instemmen met de tarieven 2027 conform de kostprijsonderzoeken, met een indexatie van 4,1%.",
			decision:   "Het PHO stemt in met de tarieven 2027.",
			motivation: "De indexatie volgt de OVA-systematiek; lagere tarieven zijn volgens het kostprijsonderzoek niet reëel en dus juridisch kwetsbaar.",
			stukken:    []string{"Voorstel tarieven 2027", "Rapport kostprijsonderzoek"}},
		{title: "Monitor jeugdhulp derde kwartaal", kind: domain.ItemInformatie,
			proposal: "Kennisnemen van de monitor.",
			decision: "Het PHO neemt kennis van de monitor.",
			stukken:  []string{"Monitor jeugdhulp Q3"}},
		{title: "Verwervingsstrategie specialistische jeugdhulp", kind: domain.ItemBespreking,
			proposal:   "Bespreken van de keuze tussen een open house-procedure en een beperkt aantal hoofdaannemers.",
			decision:   "Het PHO geeft de voorkeur aan hoofdaannemerschap per zorgfunctie; de uitwerking komt terug.",
			motivation: "Minder aanbieders verlaagt de administratieve lasten en maakt sturing op wachtlijsten mogelijk.",
			stukken:    []string{"Notitie verwervingsstrategie"}},
		{title: "Continuïteit jeugdhulpaanbieder in financiële problemen", kind: domain.ItemBespreking, confidential: true,
			proposal:   "Bespreken van de financiële situatie van de aanbieder en de maatregelen om de zorg voor 140 jeugdigen te borgen.",
			decision:   "Het PHO stemt in met een tijdelijke bevoorschotting onder voorwaarden.",
			motivation: "Een faillissement zou de zorg voor 140 jeugdigen direct onderbreken; bevoorschotting is goedkoper dan overdracht.",
			stukken:    []string{"Vertrouwelijke notitie continuïteit", "Liquiditeitsprognose aanbieder"}},
		{title: "Financiële tussenrapportage Jeugd", kind: domain.ItemInformatie,
			proposal: "Kennisnemen van de tussenrapportage: een verwachte overschrijding van € 2,3 miljoen.",
			decision: "Het PHO neemt kennis van de rapportage.",
			stukken:  []string{"Tussenrapportage Jeugd"}},
	},
	Oosterschelde: {
		{title: "Doordecentralisatie beschermd wonen", kind: domain.ItemBesluitvorming,
			proposal:   "Instemmen met de regionale samenwerkingsafspraken voor de overgang van beschermd wonen naar de gemeenten.",
			decision:   "Het overleg stemt in met de samenwerkingsafspraken.",
			motivation: "Het nieuwe verdeelmodel maakt elke gemeente verantwoordelijk; de solidariteit tussen de gemeenten blijft vijf jaar bestaan.",
			stukken:    []string{"Voorstel samenwerkingsafspraken", "Samenwerkingsafspraken beschermd wonen"},
			action:     "Afspraken ter ondertekening aan de colleges voorleggen"},
		{title: "Inkoop hulp bij het huishouden 2028", kind: domain.ItemBespreking,
			proposal:   "Bespreken van de uitgangspunten voor de inkoop van hulp bij het huishouden per 2028.",
			decision:   "Het overleg onderschrijft de uitgangspunten.",
			motivation: "Met het abonnementstarief is de vraag gestegen; resultaatfinanciering houdt de kosten beheersbaar.",
			stukken:    []string{"Notitie uitgangspunten inkoop"}},
		{title: "Cliëntervaringsonderzoek Wmo", kind: domain.ItemInformatie,
			proposal: "Kennisnemen van de uitkomsten van het cliëntervaringsonderzoek.",
			decision: "Het overleg neemt kennis van het onderzoek.",
			stukken:  []string{"Rapport cliëntervaringsonderzoek"}},
		{title: "Regionaal woonzorgprogramma", kind: domain.ItemBespreking,
			proposal:   "Bespreken van de opgave voor geclusterde woonvormen voor ouderen tot 2030.",
			decision:   "Het overleg vraagt de gemeenten de opgave in hun woonvisies op te nemen.",
			motivation: "De vergrijzing in de regio vraagt 1.100 extra geclusterde woningen; geen gemeente kan dat alleen.",
			stukken:    []string{"Concept woonzorgprogramma"}},
	},
	ZeeuwsVlaanderen: {
		{title: "Samenwerkingsagenda sociaal domein", kind: domain.ItemBesluitvorming,
			proposal:   "Instemmen met de samenwerkingsagenda 2027–2028 van Sluis, Terneuzen en Hulst.",
			decision:   "Het overleg stemt in met de samenwerkingsagenda.",
			motivation: "De agenda bundelt de opgaven waarin samenwerken meerwaarde heeft: arbeidsmarkt, armoede en grensoverschrijdende zorg.",
			stukken:    []string{"Voorstel samenwerkingsagenda", "Samenwerkingsagenda 2027–2028"}},
		{title: "Evaluatie gebiedsteams", kind: domain.ItemBespreking,
			proposal:   "Bespreken van de evaluatie en de aanbevelingen.",
			decision:   "Het overleg neemt de aanbevelingen over.",
			motivation: "Inwoners ervaren de gebiedsteams als toegankelijk; de doorlooptijden verschillen sterk per gemeente.",
			stukken:    []string{"Evaluatierapport gebiedsteams"}},
		{title: "Grensoverschrijdende zorg met Oost-Vlaanderen", kind: domain.ItemInformatie,
			proposal: "Kennisnemen van de stand van zaken van de afspraken met de Vlaamse zorgaanbieders.",
			decision: "Het overleg neemt kennis van de stand van zaken.",
			stukken:  []string{"Memo grensoverschrijdende zorg"}},
	},
	Veiligheidsregio: {
		{title: "Ontwerpbegroting 2028 Veiligheidsregio Zeeland", kind: domain.ItemBesluitvorming,
			proposal:   "De ontwerpbegroting 2028 voor zienswijze aanbieden aan de raden.",
			decision:   "Het bestuur stemt in met het aanbieden van de ontwerpbegroting.",
			motivation: "De Wgr schrijft voor dat de raden twaalf weken hebben voor hun zienswijze; de begroting gaat uiterlijk 15 april naar de raden.",
			stukken:    []string{"Voorstel ontwerpbegroting 2028", "Ontwerpbegroting 2028 VRZ"}},
		{title: "Regionaal risicoprofiel", kind: domain.ItemBespreking,
			proposal:   "Bespreken van het geactualiseerde risicoprofiel.",
			decision:   "Het bestuur stelt het risicoprofiel vast.",
			motivation: "Het profiel is de basis voor het beleidsplan; nieuwe risico’s zijn langdurige droogte en uitval van de stroomvoorziening.",
			stukken:    []string{"Regionaal risicoprofiel"}},
		{title: "Jaarstukken 2026", kind: domain.ItemBesluitvorming,
			proposal:   "Vaststellen van de jaarstukken 2026 en het resultaat toevoegen aan de algemene reserve.",
			decision:   "Het bestuur stelt de jaarstukken vast.",
			motivation: "De accountant heeft een goedkeurende verklaring afgegeven.",
			stukken:    []string{"Jaarstukken 2026", "Accountantsverklaring"}},
		{title: "Crisisplan 2027", kind: domain.ItemBesluitvorming,
			proposal:   "Vaststellen van het crisisplan 2027.",
			decision:   "Het bestuur stelt het crisisplan vast.",
			motivation: "Het plan verwerkt de lessen uit de evaluatie van de stormoefening.",
			stukken:    []string{"Crisisplan 2027"}},
	},
}

// standingOpen and standingClose are the items every meeting starts and
// ends with (the body's template).
func standingOpen(kind domain.BodyKind) []domain.StandingItem {
	items := []domain.StandingItem{{Title: "Opening en vaststellen agenda", Kind: domain.ItemOpening}, {Title: "Mededelingen", Kind: domain.ItemMededelingen}}
	if kind != domain.BodyAO {
		items = append(items, domain.StandingItem{Title: "Besluitenlijst vorige vergadering", Kind: domain.ItemVerslag})
	}
	return items
}

func standingClose() []domain.StandingItem {
	return []domain.StandingItem{{Title: "Rondvraag", Kind: domain.ItemRondvraag}, {Title: "Sluiting", Kind: domain.ItemSluiting}}
}
