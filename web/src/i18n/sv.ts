/**
 * The Swedish catalogue: every text of the web app. Swedish is the first language; en.ts must
 * have the same keys (its type is checked against this one). `{{x}}` are i18next values.
 */
export const sv = {
  app: { name: 'Kvalitetshjulet', skip: 'Hoppa till innehållet', error: 'Något gick fel', unknownError: 'Okänt fel', loading: 'Laddar …', back: 'Tillbaka', none: '–', language: 'Språk', notFound: 'Sidan finns inte', close: 'Stäng',
    forbidden: 'Du har inte behörighet', forbiddenText: 'Sidan är till för andra roller än dina. Fråga din chef eller systemförvaltaren om du behöver den.',
    openMenu: 'Öppna menyn', closeMenu: 'Stäng menyn', menu: 'Meny', noticeKind: { error: 'Fel', success: 'Klart', info: 'Information', warning: 'Varning' }, signedInAs: 'Inloggad som {{name}}' },
  nav: { label: 'Huvudmeny', inbox: 'Mina uppgifter', inboxOverdue: '{{count}} försenade', report: 'Rapportera', processMap: 'Processkarta', routines: 'Rutiner', logout: 'Logga ut' },
  login: { title: 'Logga in', username: 'Användarnamn', password: 'Lösenord', submit: 'Logga in', failed: 'Fel användarnamn eller lösenord.', public: 'Lämna en synpunkt eller ett klagomål utan att logga in' },
  inbox: {
    title: 'Mina uppgifter', done: 'Uppgiften är slutförd.', reportCta: 'Rapportera missförhållande (lex Sarah)', reportAll: 'Rapportera något annat',
    filters: 'Filter', show: 'Visa', all: 'Alla', overdue: 'Försenade', soon: 'Förfaller inom två dagar', sortBy: 'Sortera efter',
    sortDue: 'Förfallodag', sortPriority: 'Prioritet', sortCreated: 'Senast skapade', process: 'Process', allProcesses: 'Alla processer',
    unit: 'Enhet', allUnits: 'Alla enheter', assignee: 'Tilldelning', anyAssignee: 'Alla', mine: 'Tilldelade mig', unassigned: 'Ej tilldelade',
    caption: 'Uppgifter du kan arbeta med ({{total}})', captionMore: 'Uppgifter du kan arbeta med (fler än {{total}})', task: 'Uppgift', case: 'Ärende', due: 'Förfaller', created: 'Skapad', who: 'Tilldelad', actions: 'Åtgärd',
    empty: 'Inga öppna uppgifter.', claim: 'Ta uppgiften', unclaim: 'Lämna tillbaka', claimed: 'Du har tagit uppgiften {{name}}.', unclaimed: 'Uppgiften {{name}} är lämnad tillbaka.',
    pages: 'Sidor', previous: 'Föregående', next: 'Nästa', pageOf: 'Sida {{page}} av {{pages}}', pageOfMore: 'Sida {{page}} av fler än {{pages}}', me: 'du',
    completing: 'Slutförs …', completingNotice: 'Uppgiften är mottagen och slutförs. Den visas som ”Slutförs …” tills den är klar.',
  },
  task: {
    form: 'Formulär', about: 'Om ärendet', case: 'Ärende', unit: 'Enhet', due: 'Förfaller', legal: 'Lagstadgad tidsfrist', local: 'Lokal målsättning',
    noDeadline: 'Ingen tidsfrist', showProcess: 'Visa processen', routines: 'Rutiner för steget', noRoutines: 'Ingen rutin är kopplad till steget.',
    submit: 'Skicka', saveDraft: 'Spara utkast', draftSaved: 'Utkastet sparades {{time}}.', draftFrom: 'Utkast från {{time}} är inläst.',
    invalid: 'Formuläret är inte korrekt ifyllt: se de markerade fälten.', serverInvalid: 'Servern godtog inte formuläret:', completed: 'Uppgiften är slutförd.',
    context: 'Det här har registrerats tidigare', noContext: 'Inga tidigare steg med uppgifter.', timeline: 'Händelser i ärendet', diagram: 'Processdiagram där aktuellt steg är markerat',
    claimHint: 'Uppgiften är tilldelad {{name}}.', by: 'av {{name}}',
    completing: 'Uppgiften håller på att slutföras. Du behöver inte skicka den igen.',
  },
  routine: { kind: { rutin: 'Rutin', riktlinje: 'Riktlinje', policy: 'Policy', handbok: 'Handbok', 'vagledande-bestammelser': 'Vägledande bestämmelser', instruktion: 'Instruktion', checklista: 'Checklista' },
    state: { draft: 'utkast', review: 'granskas', adopted: 'fastställd', superseded: 'ersatt' }, notAdopted: 'Rutinen har ingen fastställd version ännu.',
    confirmRead: 'Jag har läst och förstått', confirmed: 'Du har bekräftat att du läst versionen', unreadCount: '{{count}} av {{staff}} vid dina enheter har inte bekräftat',
    usedIn: 'Används i dessa steg', noLinks: 'Rutinen är inte kopplad till något steg.', attachments: 'Bilagor', noAttachments: 'Inga bilagor.', history: 'Versioner',
    versionLine: 'Version {{number}} ({{state}}): {{note}} – {{by}} {{on}}', compare: 'Jämför med versionen som gäller', diff: 'Skillnader mellan version {{from}} och {{to}}', edit: 'Redigera rutinen',
    meta: '{{kind}} · ansvarig {{owner}} · fastställd {{adopted}} · revideras {{review}}', overdue: 'Revisionen är försenad',
    full: '{{kind}}, version {{version}}. Beslutad av {{decidedBy}} {{adopted}}. Ansvarig: {{owner}}. Följs upp av: {{followUp}}. Revideras senast {{review}}.', read: 'Läs rutinen' },
  register: { title: 'Rutiner', intro: 'Alla rutiner och riktlinjer som gäller. Sök på titel, text eller process.', search: 'Sök rutin', routine: 'Rutin', kind: 'Typ', owner: 'Ansvarig',
    adopted: 'Fastställd', review: 'Översyn', processes: 'Processer', none: 'Ingen rutin matchar sökningen.' },
  editor: { title: 'Redigera rutin', newDraft: 'Skapa ett nytt utkast', draftCreated: 'Ett nytt utkast är skapat.', version: 'Version {{number}} ({{state}})', text: 'Rutinens text',
    changeNote: 'Vad ändrades?', save: 'Spara utkastet', saved: 'Utkastet är sparat.', importWord: 'Importera från Word (.docx)', imported: 'Word-dokumentet är importerat.',
    reviewers: 'Granskare (användarnamn)', sendForReview: 'Skicka på granskning', sent: 'Utkastet är skickat på granskning.', decisionRef: 'Beslutsreferens', adopt: 'Fastställ', adopted: 'Versionen är fastställd.' },
  report: {
    title: 'Rapportera', intro: 'Välj vad du vill rapportera. Det tar några minuter, och du får ett kvitto med ärendenummer.',
    'lex-sarah': 'Missförhållande (lex Sarah)', 'lex-sarah-help': 'Ett missförhållande eller en påtaglig risk för ett missförhållande i omsorgen.',
    avvikelse: 'Avvikelse', 'avvikelse-help': 'Något gick inte som det skulle, eller kunde ha gått fel.',
    'lex-maria': 'Vårdskada (lex Maria)', 'lex-maria-help': 'En vårdskada eller risk för vårdskada i hälso- och sjukvården (till MAS).',
    synpunkt: 'Synpunkt eller klagomål', 'synpunkt-help': 'Registrera en synpunkt eller ett klagomål som någon har lämnat till dig.',
    formTitle: 'Rapportera: {{what}}', receiptTitle: 'Din rapport är mottagen', receipt: 'Din rapport är mottagen och har skickats vidare. Tack för att du rapporterade.',
    caseNumber: 'Ärendenummer: {{number}}', caseNumberPending: 'Ärendenumret skapas – du hittar det under Följ rapporten.', follow: 'Följ rapporten', toInbox: 'Till Mina uppgifter',
  },
  public: {
    title: 'Lämna en synpunkt eller ett klagomål', intro: 'Här kan du som får stöd av oss, är anhörig eller bor i kommunen berätta vad du tycker. Du behöver inte logga in och du får vara anonym. Skriv inte personnummer.',
    what: 'Vad vill du lämna?', klagomal: 'Ett klagomål – något har inte blivit bra', synpunkt: 'En synpunkt eller ett förslag', berom: 'Beröm',
    who: 'Vem är du?', brukare: 'Jag får stöd eller omsorg', anhorig: 'Anhörig eller närstående', medborgare: 'Jag bor eller verkar i kommunen', annan: 'Annan',
    unit: 'Vilken verksamhet gäller det?', chooseUnit: 'Välj verksamhet', description: 'Berätta vad det gäller', anonymous: 'Jag vill vara anonym (då kan vi inte svara dig)',
    contact: 'Hur når vi dig? (frivilligt)', submit: 'Skicka', unitError: 'Välj vilken verksamhet det gäller.', descriptionError: 'Skriv vad det gäller.',
    fixFirst: 'Något behöver rättas innan du kan skicka.', tooMany: 'Du har skickat många gånger på kort tid. Vänta en stund och försök igen.',
    thanks: 'Tack!', received: 'Vi har tagit emot det du skrev. Ditt kvittonummer är', keep: 'Spara numret om du vill fråga om ärendet.', answer: 'Vi hör av oss inom 14 arbetsdagar.',
    unavailable: 'E-tjänsten går inte att nå just nu. Försök igen senare.',
  },
  map: {
    title: 'Processkarta', intro: 'Organisationens processer. Välj en process för att se diagrammet, rutinerna för varje steg och var ärendena står.',
    group: { ledning: 'Ledningsprocesser', huvud: 'Huvudprocesser', stod: 'Stödprocesser' },
    owner: 'Processägare', version: 'Version', adopted: 'Fastställd', open: 'Pågående ärenden', overdue: 'Försenade uppgifter',
  },
  process: {
    diagram: 'Processdiagram för {{name}}. Välj ett steg för att se dess rutiner och ärenden.', activity: 'Valt steg', choose: 'Välj ett steg i diagrammet eller i listan.',
    role: 'Ansvarig roll', waiting: 'Ärenden i steget', overdue: 'Försenade', colour: 'Färga stegen efter andel försenade', activities: 'Steg i processen',
    instances: 'Ärenden i steget', noInstances: 'Inga pågående ärenden i steget.', since: 'I steget sedan', started: 'Startad', state: 'Status',
  },
  instance: {
    title: 'Ärende {{number}}', process: 'Process', state: 'Status', started: 'Startat', ended: 'Avslutat', diagram: 'Processdiagram med vägen som tagits och aktuell position',
    history: 'Historik', variables: 'Uppgifter i ärendet', incidents: 'Incidenter', noIncidents: 'Inga incidenter.', retry: 'Försök igen', retried: 'Incidenten är löst och steget körs igen.',
    tasks: 'Uppgifter', entered: 'påbörjat', left: 'avslutat',
    taskStates: { open: 'öppen', completing: 'slutförs', completed: 'slutförd', canceled: 'avbruten' },
    states: { ACTIVE: 'Pågår', COMPLETED: 'Avslutat', TERMINATED: 'Avbrutet', RESOLVED: 'Löst' },
  },
  formjs: {
    search: 'Sök', select: 'Välj', required: 'Fältet måste fyllas i.', minLength: 'Skriv minst {{n}} tecken.', maxLength: 'Skriv högst {{n}} tecken.', min: 'Värdet måste vara minst {{n}}.',
    max: 'Värdet får vara högst {{n}}.', number: 'Skriv ett tal.', email: 'Skriv en giltig e-postadress.', pattern: 'Värdet har fel format.',
  },
} as const;

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
/** The shape every language must have. */
export type Catalogue = Strings<typeof sv>;
