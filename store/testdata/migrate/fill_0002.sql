-- Data for a database at schema version 2, as version 2 of the program
-- wrote it: the migration test builds a database at version 2, runs this,
-- upgrades it to the current version and compares the result with
-- from_0002.golden.json. Like a migration, this file is never edited once
-- a later version exists; a new schema version gets its own fill file.
-- Version 2 only added indexes, so it holds what version 1 held: every
-- table, every nullable column both ways, the references between meetings
-- (an AO that prepares a PHO), a gemeente that left and one that joined,
-- a cancelled meeting with a raised sequence.
INSERT INTO municipality VALUES(1,'Middelburg','GM0687',49700,'2',5,'zuid');
INSERT INTO municipality VALUES(2,'Vlissingen','GM0718',45000,'1,4',7,'zuid');
INSERT INTO partnership VALUES(1,'Orionis Walcheren','Orionis','werk en inkomen','gr','#1f77b4');
INSERT INTO membership VALUES(1,1,1,'2010-01-01',NULL);
INSERT INTO membership VALUES(2,1,2,'2010-01-01','2028-01-01');
INSERT INTO person VALUES(1,'Anna de Wit','a.dewit@middelburg.nl','',1,'bestuurder','wethouder Werk');
INSERT INTO person VALUES(2,'Bram Jansen','b.jansen@vlissingen.nl','',2,'ambtenaar','');
INSERT INTO person VALUES(3,'Carla Visser','secretariaat@orionis.example','',NULL,'secretaris','');
INSERT INTO body VALUES(1,1,'pho','PHO Werk',2,840,120,'Stadhuis Middelburg','maand',0,4,2,NULL,2,3);
INSERT INTO body VALUES(2,1,'ao','AO Werk',NULL,570,90,'','',0,0,0,NULL,0,NULL);
INSERT INTO body_member VALUES(1,1,1,'voorzitter','2026-04-01',NULL);
INSERT INTO body_member VALUES(2,1,3,'secretaris',NULL,NULL);
INSERT INTO body_member VALUES(3,2,2,'lid',NULL,NULL);
INSERT INTO deadline_rule VALUES(1,1,1,'verzending','verzending','dispatch','leden','vergadering','',-10,'kalenderdagen',0,0,'eerder');
INSERT INTO deadline_rule VALUES(2,1,2,'advies','advies','advies','ambtenaren','college','',-1,'werkdagen',1,1,'');
INSERT INTO standing_item VALUES(1,1,1,'Opening','opening');
INSERT INTO standing_item VALUES(2,1,2,'Rondvraag','rondvraag');
INSERT INTO meeting VALUES(1,1,'2027-03-11T13:00:00Z','2027-03-11T15:00:00Z','Stadhuis Middelburg','','gepland','pho-1@test',0,2,'');
INSERT INTO meeting VALUES(2,2,'2027-02-25T13:00:00Z','2027-02-25T14:30:00Z','','','gehouden','ao-1@test',0,NULL,'');
INSERT INTO attendance VALUES(1,1,'vervangen',2,'gemandateerd');
INSERT INTO agenda_item VALUES(1,1,1,'Opening','opening',NULL,NULL,0,'','','');
INSERT INTO agenda_item VALUES(2,1,2,'Re-integratiebeleid 2028','besluitvorming',1,2,1,'Instemmen met het beleidskader.','Ingestemd.','Past binnen het budget.');
INSERT INTO document VALUES(1,2,1,'Beleidskader','kader.pdf',2,'4215ceb716194ab89ff83cb782a29f8f2f9d9675b245b8c16a60fe6a8c912cf9',43,'2027-03-01T09:30:00Z',0,'4215ceb716194ab89ff83cb782a29f8f2f9d9675b245b8c16a60fe6a8c912cf9.pdf');
INSERT INTO document VALUES(2,2,2,'Raadsinformatiebrief','',1,'3616fda3959616bd74352696ba7ba4c700a13fcd943bc3c964516cea062420de',47,NULL,1,'3616fda3959616bd74352696ba7ba4c700a13fcd943bc3c964516cea062420de.pdf');
INSERT INTO advice VALUES(2,2,'kanttekeningen','Let op uitvoeringskosten','2027-03-04');
INSERT INTO action_item VALUES(1,1,NULL,'Uitvoeringsplan opstellen',2,'2027-05-01',0);
INSERT INTO closed_day VALUES(1,NULL,'2027-05-07','vrijdag na Hemelvaart');
INSERT INTO closed_day VALUES(2,2,'2027-12-31','oudejaarsdag');
INSERT INTO recess VALUES(1,'Zomerreces','2027-07-10','2027-08-22',NULL);
INSERT INTO recess VALUES(2,'Kerstreces Orionis','2027-12-24','2028-01-02',1);
INSERT INTO school_holiday VALUES(1,'zuid','Voorjaarsvakantie','2027-02-13','2027-02-21');
INSERT INTO setting VALUES('holidays.liberation','jaarlijks');
INSERT INTO setting VALUES('chain.tight_days','4');
INSERT INTO setting VALUES('organiser.name','Secretariaat Orionis');
INSERT INTO setting VALUES('organiser.email','secretariaat@orionis.example');
INSERT INTO setting VALUES('language','nl');
INSERT INTO setting VALUES('holidays.good_friday','1');
INSERT INTO municipality VALUES(3,'Veere','GM0717',22000,'2,4',10,'zuid');
INSERT INTO membership VALUES(3,1,3,'2012-01-01',NULL);
INSERT INTO person VALUES(4,'Dirk Kok','d.kok@veere.nl','0118 555 000',3,'bestuurder','wethouder Sociaal Domein');
INSERT INTO body_member VALUES(4,1,4,'lid','2026-01-01','2030-01-01');
INSERT INTO meeting VALUES(3,1,'2027-04-08T12:00:00Z','2027-04-08T14:00:00Z','Stadhuis Veere','https://meet.example/pho-3','geannuleerd','pho-3@test',2,NULL,'verplaatst wegens reces');
INSERT INTO attendance VALUES(1,4,'afgemeld',NULL,'');
INSERT INTO agenda_item VALUES(3,1,3,'Rondvraag','rondvraag',NULL,NULL,0,'','','');
INSERT INTO agenda_item VALUES(4,3,1,'Jaarplan 2028','bespreking',4,2,0,'Bespreken van het jaarplan.','','');
INSERT INTO document VALUES(3,4,1,'Concept jaarplan','',1,'',0,NULL,0,'');
INSERT INTO advice VALUES(2,1,'akkoord','',NULL);
INSERT INTO action_item VALUES(2,1,2,'Reactie aan de raden sturen',3,NULL,1);
