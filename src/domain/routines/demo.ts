/**
 * Demo routines (never in production): one or more governing documents for every activity of
 * every process in bpmn/, with plausible owners, decisions and review dates (DOMAIN.md §4). The
 * texts are short summaries; a real organisation links its own documents.
 * `'*'` links a routine to every activity of that process.
 */
export interface DemoRoutine {
  id: string;
  title: string;
  kind: 'policy' | 'riktlinje' | 'rutin' | 'handbok' | 'vagledande-bestammelser';
  ownerRole: string;
  decidedBy: string;
  adoptedOn: string;
  nextReviewOn: string;
  followUpBy: string;
  body: string;
  links: Record<string, '*' | string[]>;
}

export const DEMO_ROUTINES: DemoRoutine[] = [
  {
    id: 'rutin-lex-sarah', title: 'Rutin för rapportering och utredning av missförhållanden (lex Sarah)', kind: 'rutin', ownerRole: 'socialchef',
    decidedBy: 'Socialnämnden', adoptedOn: '2026-02-17', nextReviewOn: '2027-02-16', followUpBy: 'Kvalitetsledare',
    body: 'Alla medarbetare rapporterar genast missförhållanden och risker för missförhållanden till närmaste chef. Chefen avhjälper eller undanröjer direkt. Utredaren diarieför, informerar nämndens ordförande och utreder utan dröjsmål: vad hände, varför, hur förhindras det, den enskildes syn. Beslutsfattaren bedömer om missförhållandet är allvarligt.',
    links: { 'lex-sarah': '*' },
  },
  {
    id: 'riktlinje-lex-sarah-ivo', title: 'Anmälan till IVO och information till nämnden (lex Sarah)', kind: 'riktlinje', ownerRole: 'socialchef',
    decidedBy: 'Socialnämnden', adoptedOn: '2026-02-17', nextReviewOn: '2027-02-16', followUpBy: 'Nämndsekreterare',
    body: 'Ett allvarligt missförhållande anmäls till IVO snarast, inom två arbetsdagar efter beslutet. Utredningen skickas senast två månader efter anmälan om den inte bifogades. Nämnden informeras vid nästa sammanträde.',
    links: { 'lex-sarah': ['Task_ReportToIvo', 'Task_IvoReported', 'Task_SendInvestigation', 'Task_NotifyCommittee', 'Task_InformCommittee'] },
  },
  {
    id: 'riktlinje-lex-maria', title: 'Riktlinje för lex Maria och vårdskador', kind: 'riktlinje', ownerRole: 'mas',
    decidedBy: 'Medicinskt ansvarig sjuksköterska', adoptedOn: '2026-03-02', nextReviewOn: '2027-03-01', followUpBy: 'MAS',
    body: 'Händelser som medfört eller hade kunnat medföra en allvarlig vårdskada utreds av MAS. Vid högt riskvärde görs en händelseanalys. Anmälan till IVO görs snarast. Patienten informeras och får lämna sina synpunkter. Åtgärdernas effekt följs upp.',
    links: { 'lex-maria': '*' },
  },
  {
    id: 'handbok-handelseanalys', title: 'Händelseanalys – metod och mallar', kind: 'handbok', ownerRole: 'mas',
    decidedBy: 'Medicinskt ansvarig sjuksköterska', adoptedOn: '2025-10-01', nextReviewOn: '2026-11-15', followUpBy: 'MAS',
    body: 'Händelseanalys i fyra steg: kartlägg händelseförloppet, identifiera orsaker och bidragande faktorer, föreslå åtgärder, sammanställ. Analysgruppen leds av en utbildad analysledare och består av personer som inte var inblandade.',
    links: { 'lex-maria': ['Task_EventAnalysis'], 'lex-sarah': ['Task_Investigate'] },
  },
  {
    id: 'rutin-avvikelser', title: 'Rutin för avvikelsehantering', kind: 'rutin', ownerRole: 'verksamhetschef',
    decidedBy: 'Förvaltningschef', adoptedOn: '2026-01-20', nextReviewOn: '2027-01-19', followUpBy: 'Kvalitetsledare',
    body: 'Alla medarbetare rapporterar avvikelser: händelser som medfört eller kunnat medföra något oönskat. Chefen åtgärdar direkt, bedömer allvarlighetsgrad (nivå 1–3) och risk (sannolikhet × konsekvens), beslutar åtgärder och följer upp. Rapporten handlar om vad som hände, aldrig om att skuldbelägga.',
    links: { avvikelse: '*' },
  },
  {
    id: 'rutin-synpunkter', title: 'Rutin för synpunkter och klagomål', kind: 'rutin', ownerRole: 'kvalitetsledare',
    decidedBy: 'Socialnämnden', adoptedOn: '2026-04-21', nextReviewOn: '2027-04-20', followUpBy: 'Kvalitetsledare',
    body: 'Synpunkter och klagomål tas emot från alla och registreras samma dag. Den enhet det gäller utreder; gäller det inte min enhet skickas det vidare. Kan det vara ett missförhållande startas lex Sarah. Den som lämnat synpunkten får återkoppling inom 14 arbetsdagar.',
    links: { synpunkt: '*' },
  },
  {
    id: 'rutin-atgarder', title: 'Åtgärder och uppföljning av effekt', kind: 'rutin', ownerRole: 'kvalitetsledare',
    decidedBy: 'Förvaltningschef', adoptedOn: '2026-01-20', nextReviewOn: '2027-01-19', followUpBy: 'Kvalitetsledare',
    body: 'Varje åtgärd har en ansvarig, ett datum då den ska vara genomförd och ett datum då effekten följs upp. Blev det inte som avsett beslutas en ny åtgärd i det ärende som åtgärden kom ifrån.',
    links: { atgard: '*' },
  },
  {
    id: 'riktlinje-handlaggning', title: 'Riktlinje för handläggning och dokumentation', kind: 'riktlinje', ownerRole: 'myndighetschef',
    decidedBy: 'Socialnämnden', adoptedOn: '2026-05-19', nextReviewOn: '2027-05-18', followUpBy: 'Myndighetschef',
    body: 'Ett ärende aktualiseras genom ansökan, anmälan, begäran eller annan information och registreras samma dag. Utredningen ska vara saklig och opartisk; den enskilde kommuniceras innan beslut. Beslut fattas enligt delegationsordningen.',
    links: { huvudprocess: '*', myndighetsutovning: '*', 'avsluta-arende': '*' },
  },
  {
    id: 'rutin-barn-anmalan', title: 'Anmälningar om barn: skyddsbedömning och förhandsbedömning', kind: 'rutin', ownerRole: 'myndighetschef',
    decidedBy: 'Myndighetschef', adoptedOn: '2026-05-19', nextReviewOn: '2027-05-18', followUpBy: 'Myndighetschef',
    body: 'Skyddsbedömning görs genast, samma dag som anmälan kommer in. Förhandsbedömning görs inom 14 dagar. En utredning om barn ska vara klar inom fyra månader; förlängning kräver särskilda skäl och ett motiverat beslut.',
    links: { myndighetsutovning: ['Task_ProtectionAssessment', 'Task_PreliminaryAssessment', 'Task_OpenInvestigation', 'Task_ExtensionDecision', 'Task_ExtensionRecorded'] },
  },
  {
    id: 'rutin-verkstallighet', title: 'Verkställighet och genomförandeplan', kind: 'rutin', ownerRole: 'verksamhetschef',
    decidedBy: 'Förvaltningschef', adoptedOn: '2026-03-17', nextReviewOn: '2027-03-16', followUpBy: 'Enhetschef',
    body: 'Uppdraget från myndigheten tas emot av den utförande enheten. En genomförandeplan upprättas tillsammans med den enskilde inom tre veckor. Verkställighetsdatum registreras.',
    links: { 'genomfora-insatser': '*' },
  },
  {
    id: 'rutin-ej-verkstallda', title: 'Rapportering av ej verkställda beslut', kind: 'rutin', ownerRole: 'myndighetschef',
    decidedBy: 'Socialnämnden', adoptedOn: '2026-03-17', nextReviewOn: '2027-03-16', followUpBy: 'Nämndsekreterare',
    body: 'Gynnande beslut som inte verkställts inom tre månader rapporteras kvartalsvis till IVO och till revisorerna, och en gång per kvartal till nämnden.',
    links: { 'genomfora-insatser': ['Task_NotExecuted', 'Task_ReportNotExecuted', 'Task_NotExecutedReported'] },
  },
  {
    id: 'rutin-uppfoljning', title: 'Uppföljning av beslut och insatser', kind: 'rutin', ownerRole: 'myndighetschef',
    decidedBy: 'Myndighetschef', adoptedOn: '2026-05-19', nextReviewOn: '2027-05-18', followUpBy: 'Myndighetschef',
    body: 'Varje beslut följs upp på det datum som beslutet anger, inom tio arbetsdagar. Uppföljningen utvärderar om målen uppnåtts och om insatsen ska fortsätta.',
    links: { 'folja-upp': '*' },
  },
  {
    id: 'riktlinje-riskanalys', title: 'Riktlinje för riskanalys', kind: 'riktlinje', ownerRole: 'kvalitetsledare',
    decidedBy: 'Förvaltningschef', adoptedOn: '2025-12-09', nextReviewOn: '2026-12-08', followUpBy: 'Kvalitetsledare',
    body: 'Riskanalys görs inför förändringar och årligen inför internkontrollplanen. Risker bedöms med nämndens riskmatris (sannolikhet × konsekvens); röda risker förs in i internkontrollplanen. Orsaker analyseras och en handlingsplan beslutas.',
    links: { riskanalys: '*' },
  },
  {
    id: 'rutin-internkontroll', title: 'Internkontroll: plan, kontroller och rapport', kind: 'rutin', ownerRole: 'socialchef',
    decidedBy: 'Socialnämnden', adoptedOn: '2025-12-09', nextReviewOn: '2026-12-08', followUpBy: 'Kvalitetsledare',
    body: 'Nämnden antar årligen en internkontrollplan efter väsentlighets- och riskanalys. Varje kontrollpunkt anger vad, hur, när, hur det dokumenteras och vem. Resultaten rapporteras till nämnden efter årets slut.',
    links: { internkontroll: '*' },
  },
  {
    id: 'rutin-arshjul', title: 'Årshjul för systematiskt kvalitetsarbete', kind: 'rutin', ownerRole: 'kvalitetsledare',
    decidedBy: 'Förvaltningschef', adoptedOn: '2026-01-13', nextReviewOn: '2027-01-12', followUpBy: 'Kvalitetsledare',
    body: 'Årshjulet visar återkommande uppgifter: månatlig delegationskontroll och ärendegenomgång, kvartalsvisa avvikelserapporter, tertialrapporter, kvalitetsberättelse och patientsäkerhetsberättelse (senast 1 mars), loggkontroll och kvalitetsråd.',
    links: { arshjul: '*', 'arshjul-uppgift': '*' },
  },
  {
    id: 'rutin-dokumentstyrning', title: 'Rutin för dokumentstyrning och översyn av rutiner', kind: 'rutin', ownerRole: 'kvalitetsledare',
    decidedBy: 'Förvaltningschef', adoptedOn: '2026-01-13', nextReviewOn: '2027-01-12', followUpBy: 'Kvalitetsledare',
    body: 'Varje styrdokument har en ägare, en beslutsnivå och ett översynsdatum. Ägaren ser över dokumentet minst årligen, vid ändrad lag och när en utredning visar att det inte fungerar. Ändringar blir ett nytt utkast som granskas och fastställs; medarbetarna bekräftar att de läst den nya versionen.',
    links: { 'rutin-oversyn': '*' },
  },
];
