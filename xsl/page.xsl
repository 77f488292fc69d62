<?xml version="1.0" encoding="UTF-8"?>
<!-- page.xsl — a broadside document as an HTML page: every language side by side
     ($lang empty), or one language ($lang one of the document's).

     Input (built by src/html.c from the resolved document):
       <document kind="appeal|letter" id source page pdf generator>
         <language code dir script numbers name page/>...   in display order
         <head>
           title subtitle issuer from to place               units
           <date when><when lang dir script date/>...</date>
           <contact email mailto url href/>                  mailto, href: encoded links
         </head>
         <body>
           h p salutation closing signature                  units
           <list kind="bullets|numbers|demands" id> item... </list>
           <quote id> p... cite? </quote>
           <event id when until? time?> <when lang dir script date time?/>... p... place? </event>
         </body>
       </document>
     A unit holds one <t lang dir script state> per language, in display order; state is
     "missing" where the document has no translation (rendered only when the user allowed
     it: empty in the parallel page, the source text on a single-language page).

     The parallel page is a column per language, each unit one row (a CSS grid), stacked
     on a narrow screen; CSS (broadside.css) does all the laying out, with logical
     properties only, so the same rules serve both directions. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="common.xsl"/>
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:param name="lang" select="''"/>

  <xsl:variable name="single" select="$lang != ''"/>
  <xsl:variable name="source" select="/document/@source"/>
  <!-- The language of the page: its own, or for the parallel page the source's. -->
  <xsl:variable name="page-language"
                select="/document/language[($single and @code = $lang) or (not($single) and @code = $source)]"/>
  <!-- The languages shown: one, or all in display order. -->
  <xsl:variable name="shown" select="/document/language[not($single) or @code = $lang]"/>

  <xsl:template match="/document">
    <xsl:if test="not($page-language)">
      <xsl:message terminate="yes">the document has no language "<xsl:value-of select="$lang"/>"</xsl:message>
    </xsl:if>
    <html lang="{$page-language/@code}" dir="{$page-language/@dir}">
      <head>
        <xsl:call-template name="head-start"/>
        <title>
          <xsl:call-template name="plain">
            <xsl:with-param name="text">
              <xsl:apply-templates select="head/title" mode="shown-text"/>
            </xsl:with-param>
          </xsl:call-template>
        </title>
        <xsl:for-each select="language">
          <link rel="alternate" hreflang="{@code}" href="{@page}"/>
        </xsl:for-each>
      </head>
      <body>
        <xsl:attribute name="class">
          <xsl:value-of select="concat(@kind, ' ', substring('parallel', 1, 8 * not($single)),
                                       substring('single', 1, 6 * $single))"/>
        </xsl:attribute>
        <xsl:call-template name="languages-nav"/>
        <header class="masthead">
          <!-- A letter's issuer too: what the PDF shows, the page shows. -->
          <xsl:apply-templates select="head/title | head/subtitle | head/issuer"/>
          <xsl:if test="@kind = 'appeal'">
            <xsl:call-template name="dateline"/>
          </xsl:if>
        </header>
        <main>
          <xsl:if test="@kind = 'letter'">
            <xsl:attribute name="class">letter</xsl:attribute>
            <div class="letterhead">
              <xsl:apply-templates select="head/from | head/to"/>
              <xsl:call-template name="dateline"/>
            </div>
          </xsl:if>
          <xsl:apply-templates select="body/*"/>
        </main>
        <xsl:apply-templates select="head/contact"/>
      </body>
    </html>
  </xsl:template>

  <!-- The text of a unit in the page's language (for <title>). -->
  <xsl:template match="*" mode="shown-text">
    <xsl:variable name="own" select="t[@lang = $page-language/@code and @state != 'missing']"/>
    <xsl:value-of select="$own | t[@lang = $source and not($own)]"/>
  </xsl:template>

  <!-- ==== links between the pages ========================================================= -->

  <xsl:template name="languages-nav">
    <nav class="languages">
      <ul>
        <li>
          <a href="{@page}" class="all">
            <xsl:if test="not($single)"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
            <xsl:for-each select="language">
              <xsl:if test="position() > 1"><xsl:text> / </xsl:text></xsl:if>
              <span lang="{@code}" dir="{@dir}" class="script-{@script}"><xsl:value-of select="@name"/></span>
            </xsl:for-each>
          </a>
        </li>
        <xsl:for-each select="language">
          <li>
            <a href="{@page}" hreflang="{@code}" lang="{@code}" dir="{@dir}" class="script-{@script}">
              <xsl:if test="$single and @code = $lang">
                <xsl:attribute name="aria-current">page</xsl:attribute>
              </xsl:if>
              <xsl:value-of select="@name"/>
            </a>
          </li>
        </xsl:for-each>
      </ul>
    </nav>
  </xsl:template>

  <!-- ==== units ============================================================================ -->

  <!-- A unit in every shown language.  Parallel page: a ROW element holding one CELL
       element per language; single page: one ONE element.  Every element holding text
       carries that text's lang and dir. -->
  <xsl:template name="unit">
    <xsl:param name="row" select="'div'"/>
    <xsl:param name="cell" select="'p'"/>
    <xsl:param name="one" select="'p'"/>
    <xsl:param name="class" select="local-name()"/>
    <xsl:choose>
      <xsl:when test="$single">
        <xsl:element name="{$one}">
          <xsl:attribute name="id"><xsl:value-of select="@id"/></xsl:attribute>
          <xsl:apply-templates select="t[@lang = $lang]" mode="fill">
            <xsl:with-param name="class" select="$class"/>
          </xsl:apply-templates>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{$row}">
          <xsl:attribute name="id"><xsl:value-of select="@id"/></xsl:attribute>
          <xsl:attribute name="class"><xsl:value-of select="concat('row ', $class)"/></xsl:attribute>
          <xsl:for-each select="t">
            <xsl:element name="{$cell}">
              <xsl:apply-templates select="." mode="fill">
                <xsl:with-param name="class" select="'cell'"/>
              </xsl:apply-templates>
            </xsl:element>
          </xsl:for-each>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The attributes and content of the element showing one <t>.  A missing translation
       (only rendered when allowed) is an empty cell in the parallel page, and the source
       text, marked as such, on a single-language page. -->
  <xsl:template match="t" mode="fill">
    <xsl:param name="class"/>
    <xsl:variable name="missing" select="@state = 'missing'"/>
    <xsl:variable name="text" select="self::t[not($missing)] | ../t[$missing and $single and @lang = $source]"/>
    <xsl:variable name="numbers" select="/document/language[@code = current()/@lang]/@numbers"/>
    <xsl:call-template name="lang-attributes">
      <xsl:with-param name="node" select="$text | self::t[not($text)]"/>
      <xsl:with-param name="class"
                      select="concat($class, substring(concat(' num-', $numbers), 1, 99 * boolean(ancestor::list)),
                                     substring(' missing', 1, 8 * ($missing and not($single))),
                                     substring(' untranslated', 1, 13 * ($missing and $single)))"/>
    </xsl:call-template>
    <xsl:apply-templates select="$text/node()" mode="inline"/>
  </xsl:template>

  <xsl:template match="title">
    <xsl:call-template name="unit">
      <xsl:with-param name="row" select="'h1'"/>
      <xsl:with-param name="cell" select="'span'"/>
      <xsl:with-param name="one" select="'h1'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="subtitle | issuer">
    <xsl:call-template name="unit">
      <xsl:with-param name="row" select="'p'"/>
      <xsl:with-param name="cell" select="'span'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The sender of a letter is its contact information; the addressee is not. -->
  <xsl:template match="from">
    <xsl:call-template name="unit">
      <xsl:with-param name="row" select="'address'"/>
      <xsl:with-param name="cell" select="'div'"/>
      <xsl:with-param name="one" select="'address'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="to | p | salutation | closing | signature">
    <xsl:call-template name="unit"/>
  </xsl:template>

  <xsl:template match="event/place">
    <xsl:call-template name="unit">
      <xsl:with-param name="class" select="'venue'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="h">
    <xsl:call-template name="unit">
      <xsl:with-param name="row" select="'h2'"/>
      <xsl:with-param name="cell" select="'span'"/>
      <xsl:with-param name="one" select="'h2'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ==== where and when =================================================================== -->

  <!-- Place and date of writing, in each language: "Berlin · 12. Juni 2023". -->
  <xsl:template name="dateline">
    <xsl:if test="/document/head/place or /document/head/date">
      <xsl:call-template name="across">
        <xsl:with-param name="class" select="'dateline'"/>
        <xsl:with-param name="what" select="'dateline'"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A line the stylesheet composes in each shown language (WHAT: dateline, or when for
       the event in context): parallel, a <p> row of <span> cells; single, one <p>. -->
  <xsl:template name="across">
    <xsl:param name="class"/>
    <xsl:param name="what"/>
    <xsl:variable name="context" select="."/>
    <xsl:choose>
      <xsl:when test="$single">
        <p>
          <xsl:call-template name="lang-attributes">
            <xsl:with-param name="node" select="$page-language"/>
            <xsl:with-param name="class" select="$class"/>
          </xsl:call-template>
          <xsl:apply-templates select="$page-language" mode="composed">
            <xsl:with-param name="what" select="$what"/>
            <xsl:with-param name="context" select="$context"/>
          </xsl:apply-templates>
        </p>
      </xsl:when>
      <xsl:otherwise>
        <p class="{$class} row">
          <xsl:for-each select="$shown">
            <span>
              <xsl:call-template name="lang-attributes">
                <xsl:with-param name="class" select="'cell'"/>
              </xsl:call-template>
              <xsl:apply-templates select="." mode="composed">
                <xsl:with-param name="what" select="$what"/>
                <xsl:with-param name="context" select="$context"/>
              </xsl:apply-templates>
            </span>
          </xsl:for-each>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The composed lines' content in one language (the context: a <language>). -->
  <xsl:template match="language" mode="composed">
    <xsl:param name="what"/>
    <xsl:param name="context"/>
    <xsl:variable name="code" select="@code"/>
    <xsl:choose>
      <xsl:when test="$what = 'dateline'">
        <xsl:variable name="place" select="/document/head/place"/>
        <xsl:variable name="date" select="/document/head/date"/>
        <xsl:if test="$place">
          <xsl:variable name="own" select="$place/t[@lang = $code and @state != 'missing']"/>
          <xsl:variable name="text" select="$own | $place/t[not($own) and $single and @lang = $source]"/>
          <span class="place">
            <xsl:if test="$text/@lang != $code">
              <xsl:attribute name="lang"><xsl:value-of select="$text/@lang"/></xsl:attribute>
              <xsl:attribute name="dir"><xsl:value-of select="$text/@dir"/></xsl:attribute>
            </xsl:if>
            <xsl:apply-templates select="$text/node()" mode="inline"/>
          </span>
        </xsl:if>
        <xsl:if test="$place and $date"><xsl:text> · </xsl:text></xsl:if>
        <xsl:if test="$date">
          <time datetime="{$date/@when}"><xsl:value-of select="$date/when[@lang = $code]/@date"/></time>
        </xsl:if>
      </xsl:when>
      <xsl:when test="$what = 'when'">
        <xsl:variable name="when" select="$context/when[@lang = $code]"/>
        <xsl:choose>
          <xsl:when test="$context/@until">
            <data value="{$context/@when}/{$context/@until}" class="date-range"><xsl:value-of select="$when/@date"/></data>
            <xsl:if test="$when/@time">
              <xsl:text> · </xsl:text>
              <time datetime="{$context/@time}"><xsl:value-of select="$when/@time"/></time>
            </xsl:if>
          </xsl:when>
          <xsl:when test="$when/@time">
            <time datetime="{$context/@when}T{$context/@time}">
              <xsl:value-of select="concat($when/@date, ' · ', $when/@time)"/>
            </time>
          </xsl:when>
          <xsl:otherwise>
            <time datetime="{$context/@when}"><xsl:value-of select="$when/@date"/></time>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- An event: when (in each language), what, where.  A single day with a time is one
       local date and time; a range of days is an ISO interval, its daily time a time. -->
  <xsl:template match="event">
    <div class="event">
      <xsl:if test="@id"><xsl:attribute name="id"><xsl:value-of select="@id"/></xsl:attribute></xsl:if>
      <xsl:if test="$single">
        <xsl:call-template name="lang-attributes">
          <xsl:with-param name="node" select="$page-language"/>
          <xsl:with-param name="class" select="'event'"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:call-template name="across">
        <xsl:with-param name="class" select="'when'"/>
        <xsl:with-param name="what" select="'when'"/>
      </xsl:call-template>
      <xsl:apply-templates select="p | place"/>
    </div>
  </xsl:template>

  <!-- ==== lists and quotes ================================================================= -->

  <xsl:template match="list">
    <xsl:variable name="element">
      <xsl:choose>
        <xsl:when test="@kind = 'numbers'">ol</xsl:when>
        <xsl:otherwise>ul</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$element}">
      <xsl:if test="@id"><xsl:attribute name="id"><xsl:value-of select="@id"/></xsl:attribute></xsl:if>
      <xsl:choose>
        <xsl:when test="$single">
          <xsl:call-template name="lang-attributes">
            <xsl:with-param name="node" select="$page-language"/>
            <xsl:with-param name="class" select="concat('list ', @kind, ' num-', $page-language/@numbers)"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:attribute name="class"><xsl:value-of select="concat('list ', @kind)"/></xsl:attribute>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:for-each select="item">
        <xsl:call-template name="unit">
          <xsl:with-param name="row" select="'li'"/>
          <xsl:with-param name="cell" select="'div'"/>
          <xsl:with-param name="one" select="'li'"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <!-- A quotation and who said it.  The speaker goes in <figcaption>: HTML's <cite> is for
       the title of a work and must not hold a person's name. -->
  <xsl:template match="quote">
    <figure class="quote">
      <xsl:if test="@id"><xsl:attribute name="id"><xsl:value-of select="@id"/></xsl:attribute></xsl:if>
      <xsl:if test="$single">
        <xsl:call-template name="lang-attributes">
          <xsl:with-param name="node" select="$page-language"/>
          <xsl:with-param name="class" select="'quote'"/>
        </xsl:call-template>
      </xsl:if>
      <blockquote>
        <xsl:apply-templates select="p"/>
      </blockquote>
      <xsl:for-each select="cite">
        <xsl:call-template name="unit">
          <xsl:with-param name="row" select="'figcaption'"/>
          <xsl:with-param name="cell" select="'div'"/>
          <xsl:with-param name="one" select="'figcaption'"/>
        </xsl:call-template>
      </xsl:for-each>
    </figure>
  </xsl:template>

  <!-- ==== contact ========================================================================== -->

  <xsl:template match="contact">
    <footer class="contact">
      <address>
        <xsl:if test="@email">
          <a href="{@mailto}" dir="ltr" class="script-Latn"><xsl:value-of select="@email"/></a>
        </xsl:if>
        <xsl:if test="@email and @url"><br/></xsl:if>
        <xsl:if test="@url">
          <a href="{@href}" dir="ltr" class="script-Latn"><xsl:value-of select="@url"/></a>
        </xsl:if>
      </address>
    </footer>
  </xsl:template>

</xsl:stylesheet>
