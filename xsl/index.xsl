<?xml version="1.0" encoding="UTF-8"?>
<!-- index.xsl — out/index.html: every document, its title in each language, how far each
     translation is, and links to its pages and its PDF.

     Input (built by src/html.c):
       <index generator>
         <document kind id source page pdf units>
           <language code dir script numbers name page pdf
                     missing initial translated reviewed final/>...   units per state
           <title id><t lang dir script state>...</t>...</title>
         </document>...
         <refused file><diagnostic>FILE:LINE:COL: error: …</diagnostic>...</refused>...
       </index>
     A page or pdf attribute may be missing (`broadside build` leaves out the links to
     files it did not write): then there is no link.
     The page itself is in English; each title and language name carries its own lang
     and dir. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="common.xsl"/>
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:template match="/index">
    <html lang="en" dir="ltr">
      <head>
        <xsl:call-template name="head-start"/>
        <title>Appeals and letters</title>
      </head>
      <body class="index">
        <header class="masthead">
          <h1>Appeals and letters</h1>
          <p class="subtitle">
            <xsl:value-of select="count(document)"/>
            <xsl:text> document</xsl:text>
            <xsl:if test="count(document) != 1">s</xsl:if>
            <xsl:text>, each in every language side by side, in each language alone, and as a PDF leaflet.</xsl:text>
          </p>
        </header>
        <main>
          <xsl:apply-templates select="refused"/>
          <xsl:apply-templates select="document"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="document">
    <xsl:variable name="source" select="language[@code = current()/@source]"/>
    <xsl:variable name="source-title" select="title/t[@lang = current()/@source]"/>
    <article class="document" id="{@id}">
      <h2>
        <xsl:choose>
          <xsl:when test="@page">
            <a href="{@page}">
              <xsl:call-template name="lang-attributes">
                <xsl:with-param name="node" select="$source-title"/>
              </xsl:call-template>
              <xsl:apply-templates select="$source-title/node()" mode="inline"/>
            </a>
          </xsl:when>
          <xsl:otherwise>
            <span>
              <xsl:call-template name="lang-attributes">
                <xsl:with-param name="node" select="$source-title"/>
              </xsl:call-template>
              <xsl:apply-templates select="$source-title/node()" mode="inline"/>
            </span>
          </xsl:otherwise>
        </xsl:choose>
      </h2>
      <p class="meta">
        <xsl:value-of select="concat(@kind, ' · ', count(language), ' languages · ', @units, ' units · written in ')"/>
        <span>
          <xsl:call-template name="lang-attributes">
            <xsl:with-param name="node" select="$source"/>
          </xsl:call-template>
          <xsl:value-of select="$source/@name"/>
        </span>
        <xsl:if test="@page">
          <xsl:text> · </xsl:text>
          <a href="{@page}">all languages side by side</a>
        </xsl:if>
        <xsl:if test="@pdf">
          <xsl:text> · </xsl:text>
          <a href="{@pdf}" type="application/pdf">PDF leaflet</a>
        </xsl:if>
      </p>
      <ul class="translations">
        <xsl:apply-templates select="language"/>
      </ul>
    </article>
  </xsl:template>

  <!-- One language of a document: its page, its title, and its progress.  A unit counts as
       translated from state "translated" on; "initial" is a draft, "missing" absent. -->
  <xsl:template match="language">
    <xsl:variable name="units" select="../@units"/>
    <xsl:variable name="done" select="@translated + @reviewed + @final"/>
    <xsl:variable name="checked" select="@reviewed + @final"/>
    <xsl:variable name="title" select="../title/t[@lang = current()/@code]"/>
    <li class="translation">
      <xsl:choose>
        <xsl:when test="@page">
          <a href="{@page}" hreflang="{@code}">
            <xsl:call-template name="lang-attributes">
              <xsl:with-param name="class" select="'language'"/>
            </xsl:call-template>
            <xsl:value-of select="@name"/>
          </a>
        </xsl:when>
        <xsl:otherwise>
          <span>
            <xsl:call-template name="lang-attributes">
              <xsl:with-param name="class" select="'language'"/>
            </xsl:call-template>
            <xsl:value-of select="@name"/>
          </span>
        </xsl:otherwise>
      </xsl:choose>
      <span>
        <xsl:choose>
          <xsl:when test="$title/@state != 'missing'">
            <xsl:call-template name="lang-attributes">
              <xsl:with-param name="node" select="$title"/>
              <xsl:with-param name="class" select="'title'"/>
            </xsl:call-template>
            <xsl:apply-templates select="$title/node()" mode="inline"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:attribute name="class">title missing</xsl:attribute>
            <xsl:text>(title not translated)</xsl:text>
          </xsl:otherwise>
        </xsl:choose>
      </span>
      <span class="progress">
        <meter min="0" max="{$units}" value="{$done}" low="{$units - 0.5}" optimum="{$units}">
          <xsl:value-of select="concat(floor(100 * $done div $units), ' %')"/>
        </meter>
        <xsl:text> </xsl:text>
        <span class="counts">
          <xsl:choose>
            <xsl:when test="@code = ../@source">
              <xsl:value-of select="concat('the source text, ', $units, ' units')"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="concat($done, ' of ', $units, ' translated (', floor(100 * $done div $units), ' %), ', $checked, ' reviewed')"/>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:if test="@initial > 0"><xsl:value-of select="concat(', ', @initial, ' draft')"/><xsl:if test="@initial > 1">s</xsl:if></xsl:if>
          <xsl:if test="@missing > 0"><xsl:value-of select="concat(', ', @missing, ' missing')"/></xsl:if>
        </span>
        <xsl:if test="@pdf">
          <xsl:text> · </xsl:text>
          <a href="{@pdf}" type="application/pdf" hreflang="{@code}">PDF</a>
        </xsl:if>
      </span>
    </li>
  </xsl:template>

  <!-- A document `broadside build` refused: no pages, no PDF, its first diagnostics. -->
  <xsl:template match="refused">
    <article class="document failing">
      <h2><xsl:value-of select="@file"/>: refused</h2>
      <ul class="diagnostics">
        <xsl:for-each select="diagnostic">
          <li><code><xsl:value-of select="."/></code></li>
        </xsl:for-each>
      </ul>
    </article>
  </xsl:template>

</xsl:stylesheet>
