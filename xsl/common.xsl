<?xml version="1.0" encoding="UTF-8"?>
<!-- common.xsl — what every page of broadside shares: the start of <head> and the inline
     markup of a unit's text.

     Input: the tree src/html.c builds from a resolved document (see page.xsl).  Inside a
     <t>, the text is final (dates written, NFC, soft hyphens) and the markup is:
       em, strong, name, foreign (@lang, @script), a (@href, only http/https/mailto,
       percent-encoded by uri_encode in html.c, as in the PDF),
       date (@when, or @from and @to), br;
     any of them with @dir when it runs against its paragraph (the text stage isolated
     it), which in HTML is what isolates it.

     Rules for every stylesheet here: text is only ever written escaped (never with
     output escaping disabled: html.c refuses a page that has such text), links only to
     http, https and mailto, and no script. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- The Content-Security-Policy comes first, before anything it could govern: no
       script, no frames, no forms, no base URL; style and fonts from the pages' own
       folder only. -->
  <xsl:template name="head-start">
    <meta http-equiv="Content-Security-Policy"
          content="default-src 'none'; style-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'"/>
    <!-- In this form rather than <meta charset>: libxslt's HTML output looks for it and
         would otherwise put one of its own before the policy. -->
    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
    <meta name="viewport" content="width=device-width, initial-scale=1"/>
    <meta name="referrer" content="no-referrer"/>
    <meta name="generator" content="{/*/@generator}"/>
    <link rel="stylesheet" href="broadside.css"/>
  </xsl:template>

  <!-- lang, dir and the script's font class of the element being written, from NODE
       (a <t>, <when> or <language>). -->
  <xsl:template name="lang-attributes">
    <xsl:param name="node" select="."/>
    <xsl:param name="class"/>
    <xsl:attribute name="lang"><xsl:value-of select="$node/@lang | $node/@code"/></xsl:attribute>
    <xsl:attribute name="dir"><xsl:value-of select="$node/@dir"/></xsl:attribute>
    <xsl:attribute name="class">
      <xsl:value-of select="normalize-space(concat($class, ' script-', $node/@script))"/>
    </xsl:attribute>
  </xsl:template>

  <!-- A string without the soft hyphens (for <title>, which is not hyphenated). -->
  <xsl:template name="plain">
    <xsl:param name="text"/>
    <xsl:value-of select="normalize-space(translate($text, '&#xAD;', ''))"/>
  </xsl:template>

  <!-- ==== inline markup ==================================================================== -->

  <xsl:template name="run-dir">
    <xsl:if test="@dir">
      <xsl:attribute name="dir"><xsl:value-of select="@dir"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <xsl:template match="em" mode="inline">
    <em><xsl:call-template name="run-dir"/><xsl:apply-templates mode="inline"/></em>
  </xsl:template>

  <xsl:template match="strong" mode="inline">
    <strong><xsl:call-template name="run-dir"/><xsl:apply-templates mode="inline"/></strong>
  </xsl:template>

  <xsl:template match="name" mode="inline">
    <span class="name"><xsl:call-template name="run-dir"/><xsl:apply-templates mode="inline"/></span>
  </xsl:template>

  <xsl:template match="foreign" mode="inline">
    <span lang="{@lang}" class="script-{@script}">
      <xsl:call-template name="run-dir"/>
      <xsl:apply-templates mode="inline"/>
    </span>
  </xsl:template>

  <!-- Links: only these schemes, whatever the input says (html.c checks too). -->
  <xsl:template match="a" mode="inline">
    <xsl:variable name="scheme"
                  select="translate(substring-before(normalize-space(@href), ':'),
                                    'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:choose>
      <xsl:when test="$scheme = 'http' or $scheme = 'https' or $scheme = 'mailto'">
        <a href="{normalize-space(@href)}">
          <xsl:call-template name="run-dir"/>
          <xsl:apply-templates mode="inline"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="link"><xsl:call-template name="run-dir"/><xsl:apply-templates mode="inline"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A day is a <time>; a range of days has no valid datetime in HTML, so it is a <data>
       whose value is the ISO 8601 interval. -->
  <xsl:template match="date[@when]" mode="inline">
    <time datetime="{@when}"><xsl:call-template name="run-dir"/><xsl:apply-templates mode="inline"/></time>
  </xsl:template>

  <xsl:template match="date[@from]" mode="inline">
    <data class="date-range" value="{@from}/{@to}">
      <xsl:call-template name="run-dir"/>
      <xsl:apply-templates mode="inline"/>
    </data>
  </xsl:template>

  <xsl:template match="br" mode="inline"><br/></xsl:template>

  <!-- Only running text is hyphenated, as in the PDF: paragraphs and the items of a list
       that is not of demands.  Titles, subtitles, headings, the issuer, demands,
       addresses, signatures and venues, and names, links and dates anywhere, lose the
       text stage's soft hyphens, and the stylesheet sets them hyphens: none. -->
  <xsl:template match="text()" mode="inline">
    <xsl:variable name="unit" select="ancestor::t[1]/.."/>
    <xsl:choose>
      <xsl:when test="($unit/self::p or $unit/self::item[not(../@kind = 'demands')])
                      and not(ancestor::name or ancestor::a or ancestor::date)">
        <xsl:value-of select="."/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="translate(., '&#xAD;', '')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
