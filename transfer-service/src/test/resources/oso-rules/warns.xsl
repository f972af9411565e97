<?xml version="1.0" encoding="UTF-8"?>
<!-- Written for Overdracht's tests: a business-rule stylesheet in the form of the OSO standard's own
     (it writes a meldingen document), that warns of a roepnaam and finds no error. -->
<xsl:stylesheet version="2.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:od="http://www.edustandaard.nl/oso_gegevensset/2019/dossier" xmlns="urn:overdracht:test:meldingen"
    exclude-result-prefixes="od">
  <xsl:template match="/">
    <meldingen>
      <xsl:apply-templates select="//od:leerling/od:roepnaam"/>
    </meldingen>
  </xsl:template>
  <!-- Testafspraak, business rule TST.RN01 -->
  <!-- Een roepnaam is geen verplicht gegeven -->
  <xsl:template match="od:roepnaam">
    <xsl:call-template name="melding">
      <xsl:with-param name="tekst">Een roepnaam wordt alleen doorgegeven als de leerling die zelf gebruikt.</xsl:with-param>
    </xsl:call-template>
  </xsl:template>
  <xsl:template name="melding">
    <xsl:param name="tekst"/>
    <melding>
      <type>Waarschuwing</type>
      <locatie>/dossier[1]/huidigeschool[1]/leerling[1]/roepnaam[1]</locatie>
      <tekst><xsl:value-of select="$tekst"/></tekst>
    </melding>
  </xsl:template>
</xsl:stylesheet>
