<?xml version="1.0" encoding="UTF-8"?>
<!-- Written for Overdracht's tests: a stylesheet whose error message quotes a value of the dossier,
     which the service must never pass on. -->
<xsl:stylesheet version="2.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:od="http://www.edustandaard.nl/oso_gegevensset/2019/dossier" xmlns="urn:overdracht:test:meldingen"
    exclude-result-prefixes="od">
  <xsl:template match="/">
    <meldingen>
      <xsl:for-each select="//od:leerling/od:achternaam">
        <!-- Testafspraak, business rule TST.AN01 -->
        <melding>
          <type>Fout</type>
          <locatie>/dossier[1]/huidigeschool[1]/leerling[1]/achternaam[1]</locatie>
          <tekst><xsl:value-of select="concat('De achternaam ', ., ' is niet toegestaan.')"/></tekst>
        </melding>
      </xsl:for-each>
      <xsl:for-each select="//od:leerling/od:geboorteplaats">
        <!-- Testafspraak, business rule TST.GP01 -->
        <xsl:call-template name="melding">
          <xsl:with-param name="tekst">De geboorteplaats is verboden.</xsl:with-param>
        </xsl:call-template>
      </xsl:for-each>
    </meldingen>
  </xsl:template>
  <xsl:template name="melding">
    <xsl:param name="tekst"/>
    <melding>
      <type>Fout</type>
      <locatie>/dossier[1]</locatie>
      <tekst><xsl:value-of select="$tekst"/></tekst>
    </melding>
  </xsl:template>
</xsl:stylesheet>
